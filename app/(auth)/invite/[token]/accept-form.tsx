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
import { acceptSchema, type AcceptInput } from "@/lib/settings/users.validation";
import { acceptInvitationAction } from "./actions";

const fields: { name: Path<AcceptInput>; label: string; type: string; autoComplete: string }[] = [
  { name: "name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "password", label: "Password (at least 10 characters)", type: "password", autoComplete: "new-password" },
  { name: "confirm", label: "Repeat the password", type: "password", autoComplete: "new-password" },
];

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<AcceptInput>({ resolver: zodResolver(acceptSchema), defaultValues: { name: "", password: "", confirm: "" } });

  async function onSubmit(values: AcceptInput) {
    setError(null);
    const result = await acceptInvitationAction(token, values);
    if (!result.ok) {
      setError(result.error);
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages?.[0]) form.setError(name as Path<AcceptInput>, { message: messages[0] });
      }
      return;
    }
    const signedIn = await signIn("credentials", { email: result.data.email, password: values.password, redirect: false });
    router.replace(signedIn?.ok ? "/inbox" : "/sign-in");
    router.refresh();
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
        <FormAlert>{error}</FormAlert>
        <div className="grid gap-2">
          <span className="text-sm font-medium">E-mail</span>
          <Input type="email" value={email} readOnly autoComplete="username" aria-label="E-mail" className="bg-muted/50" />
        </div>
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
          {form.formState.isSubmitting && <Spinner label="Creating your account" />}
          Join and sign in
        </Button>
      </form>
    </Form>
  );
}
