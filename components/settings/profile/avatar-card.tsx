"use client";

import { ImageUpIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { removeAvatarAction } from "@/app/(app)/settings/profile/actions";
import { handleResult } from "@/components/settings/form-result";
import { SettingsCard } from "@/components/settings/settings-card";
import { Avatar, AvatarFallback, AvatarImage, getInitials } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatBytes } from "@/lib/format";
import { AVATAR_MAX_BYTES, avatarTypes } from "@/lib/settings/profile.validation";

/** The picture colleagues see next to your name: upload (checked here for a quick answer, and again on the server) or remove. */
export function AvatarCard({ name, avatarUrl }: { name: string; avatarUrl: string | null }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<"upload" | "remove" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File) {
    setError(null);
    if (!(avatarTypes as readonly string[]).includes(file.type)) return setError("Use a PNG, JPEG or WebP picture.");
    if (file.size > AVATAR_MAX_BYTES) return setError(`This picture is ${formatBytes(file.size)}; use one of at most 1 MB.`);
    setBusy("upload");
    const body = new FormData();
    body.set("file", file);
    const res = await fetch("/api/avatars", { method: "POST", body }).catch(() => null);
    setBusy(null);
    if (!res?.ok) {
      const message = ((await res?.json().catch(() => null)) as { error?: string } | null)?.error;
      return setError(message ?? "The picture could not be uploaded. Try again.");
    }
    toast.success("Picture updated");
    router.refresh();
  }

  async function remove() {
    setBusy("remove");
    const result = await removeAvatarAction({});
    setBusy(null);
    if (handleResult(result)) {
      toast.success("Picture removed");
      router.refresh();
    }
  }

  return (
    <SettingsCard title="Picture" description="Shown to colleagues next to your name. PNG, JPEG or WebP, at most 1 MB.">
      <div className="flex flex-wrap items-center gap-4">
        <Avatar className="size-16 text-lg">
          {avatarUrl && <AvatarImage src={avatarUrl} alt="" />}
          <AvatarFallback>{getInitials(name)}</AvatarFallback>
        </Avatar>
        <div className="flex flex-wrap gap-2">
          <input
            ref={input}
            type="file"
            accept={avatarTypes.join(",")}
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void upload(file);
            }}
          />
          <Button variant="outline" onClick={() => input.current?.click()} disabled={busy !== null}>
            {busy === "upload" ? <Spinner label="Uploading" /> : <ImageUpIcon aria-hidden="true" />}
            {avatarUrl ? "Change picture" : "Upload a picture"}
          </Button>
          {avatarUrl && (
            <Button variant="ghost" onClick={() => void remove()} disabled={busy !== null}>
              {busy === "remove" ? <Spinner label="Removing" /> : <Trash2Icon aria-hidden="true" />}
              Remove
            </Button>
          )}
        </div>
      </div>
      {error && (
        <p role="alert" className="mt-3 text-sm text-destructive">
          {error}
        </p>
      )}
    </SettingsCard>
  );
}
