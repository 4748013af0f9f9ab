"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Form, FormAlert, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { setupSchema, type SetupInput } from "@/lib/setup.validation";
import { setupAction } from "./actions";

const fields: { name: Path<SetupInput>; label: string; type: string; autoComplete: string }[] = [
  { name: "companyName", label: "Company name", type: "text", autoComplete: "organization" },
  { name: "name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "email", label: "E-mail", type: "email", autoComplete: "username" },
  { name: "password", label: "Password (at least 10 characters)", type: "password", autoComplete: "new-password" },
  { name: "confirm", label: "Repeat the password", type: "password", autoComplete: "new-password" },
];

export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SetupInput>({
    resolver: zodResolver(setupSchema),
    defaultValues: { companyName: "", name: "", email: "", password: "", confirm: "" },
  });

  async function onSubmit(values: SetupInput) {
    setError(null);
    const result = await setupAction(values);
    if (!result.ok) {
      setError(result.error);
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages?.[0]) form.setError(name as Path<SetupInput>, { message: messages[0] });
      }
      return;
    }
    await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    router.replace("/inbox");
    router.refresh();
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
        <FormAlert>{error}</FormAlert>
        {fields.map((f, i) => (
          <FormField
            key={f.name}
            control={form.control}
            name={f.name}
            render={({ field }) => (
              <FormItem>
                <FormLabel>{f.label}</FormLabel>
                <FormControl>
                  <Input type={f.type} autoComplete={f.autoComplete} autoFocus={i === 0} {...field} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
        ))}
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting && <Spinner label="Creating" />}
          Create administrator
        </Button>
      </form>
    </Form>
  );
}
