"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CheckIcon, CopyIcon, UserPlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { inviteAction } from "@/app/(app)/settings/users/actions";
import { handleResult } from "@/components/settings/form-result";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { inviteSchema, roleLabels, type InviteInput } from "@/lib/settings/users.validation";

type Sent = { link: string; sent: boolean; email: string };

/** Copies text, saying so; falls back to selecting it where the clipboard is not available (plain http). */
export function CopyLink({ link }: { link: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex gap-2">
      <Input readOnly value={link} aria-label="Invitation link" onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
      <Button
        variant="outline"
        onClick={async () => {
          await navigator.clipboard?.writeText(link).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}

export function InviteDialog({ teams, seatsFree }: { teams: { id: string; name: string; isDefault: boolean }[]; seatsFree: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const form = useForm<InviteInput>({ resolver: zodResolver(inviteSchema), defaultValues: { email: "", role: "auto", teamIds: [] } });
  const automatic = seatsFree > 0 ? "Agent (a seat is free)" : "Watcher (no seat is free)";

  async function onSubmit(values: InviteInput) {
    const result = await inviteAction(values);
    if (!handleResult(result, form)) return;
    setSent(result.data);
    router.refresh();
  }

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setSent(null);
      form.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlusIcon aria-hidden="true" />
          Invite someone
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        {sent ? (
          <div className="grid gap-4">
            <DialogHeader>
              <DialogTitle className="break-words">Invitation for {sent.email}</DialogTitle>
              <DialogDescription>
                {sent.sent
                  ? "We e-mailed them this link. You can also pass it on yourself."
                  : "No e-mail is sent from Switchboard yet: copy this link and send it to them yourself. It works once, for 7 days."}
              </DialogDescription>
            </DialogHeader>
            <CopyLink link={sent.link} />
            <DialogFooter>
              <Button variant="outline" onClick={() => setSent(null)}>
                Invite someone else
              </Button>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <Form {...form}>
            <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
              <DialogHeader>
                <DialogTitle>Invite someone</DialogTitle>
                <DialogDescription>They get a link to choose their name and password. Everyone joins the default team.</DialogDescription>
              </DialogHeader>
              <FormField
                control={form.control}
                name="email"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>E-mail</FormLabel>
                    <FormControl>
                      <Input type="email" autoComplete="off" autoFocus {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="role"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Role</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        <option value="auto">Automatic: {automatic}</option>
                        {(["admin", "supervisor", "agent", "watcher"] as const).map((role) => (
                          <option key={role} value={role}>
                            {roleLabels[role]}
                          </option>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormDescription className="text-xs">A seat role becomes Watcher if no seat is free when they accept.</FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
              {teams.some((t) => !t.isDefault) && (
                <FormField
                  control={form.control}
                  name="teamIds"
                  render={({ field }) => (
                    <FormItem>
                      <fieldset className="grid gap-2">
                        <legend className="mb-1 text-sm font-medium">Also in these teams</legend>
                        <div className="grid gap-2 sm:grid-cols-2">
                          {teams
                            .filter((t) => !t.isDefault)
                            .map((t) => {
                              const id = `invite-team-${t.id}`;
                              const value = field.value ?? [];
                              return (
                                <div key={t.id} className="flex items-center gap-2">
                                  <Checkbox
                                    id={id}
                                    checked={value.includes(t.id)}
                                    onCheckedChange={(checked) =>
                                      field.onChange(checked ? [...value, t.id] : value.filter((v) => v !== t.id))
                                    }
                                  />
                                  <Label htmlFor={id} className="font-normal">
                                    {t.name}
                                  </Label>
                                </div>
                              );
                            })}
                        </div>
                      </fieldset>
                    </FormItem>
                  )}
                />
              )}
              <DialogFooter>
                <Button variant="outline" onClick={() => onOpenChange(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={form.formState.isSubmitting}>
                  {form.formState.isSubmitting && <Spinner label="Creating" />}
                  Create invitation link
                </Button>
              </DialogFooter>
            </form>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}
