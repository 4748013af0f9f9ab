"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useSyncExternalStore } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { updateProfileAction } from "@/app/(app)/settings/profile/actions";
import { setThemePreference } from "@/components/theme/theme-toggle";
import { handleResult } from "@/components/settings/form-result";
import { SettingsCard } from "@/components/settings/settings-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import type { Role } from "@/lib/auth/permissions";
import { notificationChoices } from "@/lib/settings/notifications";
import { languages, profileSchema, type ProfileInput } from "@/lib/settings/profile.validation";
import { roleDescriptions, roleLabels } from "@/lib/settings/users.validation";
import { cn } from "@/lib/utils";

const themes = [
  { value: "light", label: "Light", Icon: SunIcon },
  { value: "dark", label: "Dark", Icon: MoonIcon },
  { value: "system", label: "System", Icon: MonitorIcon },
] as const;

const noSubscribe = () => () => {};

/** The browser's own zone, to offer when it differs from the saved one (after hydration only). */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(noSubscribe, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
}

export function ProfileForm({
  defaults,
  email,
  role,
  zones,
}: {
  defaults: ProfileInput;
  email: string;
  role: Role;
  /** From the server, so server and browser render the same list whatever their tz databases. */
  zones: string[];
}) {
  const router = useRouter();
  const form = useForm<ProfileInput>({ resolver: zodResolver(profileSchema), defaultValues: defaults });
  const browserZone = useBrowserTimeZone();
  const zone = useWatch({ control: form.control, name: "timeZone" });

  async function onSubmit(values: ProfileInput) {
    const result = await updateProfileAction(values);
    if (!handleResult(result, form)) return;
    // The cookie makes this device follow at once; the saved theme is the fallback on new devices.
    setThemePreference(result.data.theme);
    form.reset(values);
    toast.success("Profile saved");
    router.refresh();
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <SettingsCard
          title="Details"
          description="How you appear to colleagues and how Switchboard shows things to you."
          footer={
            <Button type="submit" disabled={form.formState.isSubmitting || !form.formState.isDirty}>
              {form.formState.isSubmitting && <Spinner label="Saving" />}
              Save profile
            </Button>
          }
        >
          <div className="grid gap-5">
            <div className="grid gap-5 sm:grid-cols-2">
              <FormField
                control={form.control}
                name="name"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Name</FormLabel>
                    <FormControl>
                      <Input autoComplete="name" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <div className="grid content-start gap-2">
                <span className="text-sm font-medium">E-mail</span>
                <p className="flex h-9 items-center truncate text-sm text-muted-foreground">{email}</p>
              </div>
            </div>
            <div className="grid gap-2">
              <span className="text-sm font-medium">Role</span>
              <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                <Badge variant="secondary">{roleLabels[role]}</Badge>
                {roleDescriptions[role]} Only an administrator can change it.
              </p>
            </div>
            <div className="grid gap-5 sm:grid-cols-2">
              <FormField
                control={form.control}
                name="locale"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Preferred language</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {languages.map((l) => (
                          <option key={l.code} value={l.code}>
                            {l.label}
                          </option>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormDescription>Switchboard is in English for now; this is kept for when translations arrive.</FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="timeZone"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Time zone</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {!zones.includes(field.value) && <option value={field.value}>{field.value}</option>}
                        {zones.map((z) => (
                          <option key={z} value={z}>
                            {z.replaceAll("_", " ")}
                          </option>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormDescription>
                      Every time and date is shown in this zone, statistics filters included.
                      {browserZone && browserZone !== zone && (
                        <>
                          {" "}
                          <button
                            type="button"
                            className="text-primary underline-offset-4 hover:underline"
                            onClick={() => form.setValue("timeZone", browserZone, { shouldDirty: true, shouldValidate: true })}
                          >
                            Use this device’s zone ({browserZone.replaceAll("_", " ")})
                          </button>
                        </>
                      )}
                    </FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </div>
            <FormField
              control={form.control}
              name="theme"
              render={({ field }) => (
                <FormItem>
                  <fieldset className="grid gap-2">
                    <legend className="mb-2 text-sm font-medium">Theme</legend>
                    <div className="grid grid-cols-3 gap-2 sm:max-w-md">
                      {themes.map(({ value, label, Icon }) => (
                        <label
                          key={value}
                          className={cn(
                            "flex cursor-pointer flex-col items-center gap-1.5 rounded-lg border p-3 text-sm transition-colors hover:bg-accent has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
                            field.value === value && "border-primary bg-accent font-medium text-accent-foreground",
                          )}
                        >
                          <input
                            type="radio"
                            name={field.name}
                            value={value}
                            checked={field.value === value}
                            onChange={() => field.onChange(value)}
                            className="sr-only"
                          />
                          <Icon className="size-5" aria-hidden="true" />
                          {label}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                  <FormDescription>System follows your device’s light or dark setting.</FormDescription>
                </FormItem>
              )}
            />
            <fieldset className="grid gap-3">
              <legend className="mb-1 text-sm font-medium">Notifications</legend>
              {notificationChoices.map((choice) => (
                <FormField
                  key={choice.key}
                  control={form.control}
                  name={`notifications.${choice.key}`}
                  render={({ field }) => (
                    <FormItem className="flex items-start justify-between gap-4 rounded-lg border p-3">
                      <div className="grid gap-0.5">
                        <FormLabel className="font-normal">{choice.label}</FormLabel>
                        <FormDescription className="text-xs">{choice.description}</FormDescription>
                      </div>
                      <FormControl>
                        <Switch checked={field.value} onCheckedChange={field.onChange} />
                      </FormControl>
                    </FormItem>
                  )}
                />
              ))}
            </fieldset>
          </div>
        </SettingsCard>
      </form>
    </Form>
  );
}
