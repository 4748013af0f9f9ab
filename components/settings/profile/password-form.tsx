"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type Path } from "react-hook-form";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/(app)/settings/profile/actions";
import { handleResult } from "@/components/settings/form-result";
import { SettingsCard } from "@/components/settings/settings-card";
import { Button } from "@/components/ui/button";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { passwordSchema, type PasswordInput } from "@/lib/settings/profile.validation";

const fields: { name: Path<PasswordInput>; label: string; autoComplete: string }[] = [
  { name: "current", label: "Current password", autoComplete: "current-password" },
  { name: "password", label: "New password (at least 10 characters)", autoComplete: "new-password" },
  { name: "confirm", label: "Repeat the new password", autoComplete: "new-password" },
];

export function PasswordForm({ email }: { email: string }) {
  const form = useForm<PasswordInput>({ resolver: zodResolver(passwordSchema), defaultValues: { current: "", password: "", confirm: "" } });

  async function onSubmit(values: PasswordInput) {
    if (!handleResult(await changePasswordAction(values), form)) return;
    form.reset();
    toast.success("Password changed");
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <SettingsCard
          title="Password"
          description="Other devices stay signed in; use a password you do not use anywhere else."
          footer={
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting && <Spinner label="Changing" />}
              Change password
            </Button>
          }
        >
          {/* Lets password managers file the new password under the right account. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <div className="grid gap-4 sm:max-w-sm">
            {fields.map((f) => (
              <FormField
                key={f.name}
                control={form.control}
                name={f.name}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{f.label}</FormLabel>
                    <FormControl>
                      <Input type="password" autoComplete={f.autoComplete} {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
          </div>
        </SettingsCard>
      </form>
    </Form>
  );
}
