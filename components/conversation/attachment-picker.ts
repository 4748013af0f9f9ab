"use client";

import { useCallback, useEffect, useState } from "react";
import { MAX_FILES_PER_MESSAGE } from "@/lib/channels/rules";

export type PickedFile = { key: string; file: File; previewUrl: string | null };

/** Files chosen for the next reply, with image previews whose object URLs are released when dropped. */
export function usePickedFiles() {
  const [picked, setPicked] = useState<PickedFile[]>([]);

  const add = useCallback((files: Iterable<File>) => {
    setPicked((current) => {
      const next = [...current];
      for (const file of files) {
        if (next.length >= MAX_FILES_PER_MESSAGE) break;
        next.push({
          key: `${file.name}-${file.size}-${file.lastModified}-${Math.random().toString(36).slice(2)}`,
          file,
          previewUrl: file.type.startsWith("image/") ? URL.createObjectURL(file) : null,
        });
      }
      return next;
    });
  }, []);

  const remove = useCallback((key: string) => {
    setPicked((current) => {
      const gone = current.find((p) => p.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return current.filter((p) => p.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setPicked((current) => {
      for (const p of current) if (p.previewUrl) URL.revokeObjectURL(p.previewUrl);
      return [];
    });
  }, []);

  useEffect(() => () => clear(), [clear]);
  return { picked, add, remove, clear };
}

/** Uploads the picked files to the conversation; returns their stored ids or the server's reason. */
export async function uploadFiles(conversationId: string, files: File[]): Promise<{ ok: true; ids: string[] } | { ok: false; error: string }> {
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const res = await fetch(`/api/conversations/${conversationId}/files`, { method: "POST", body: form });
  const data = (await res.json().catch(() => ({}))) as { files?: { id: string }[]; error?: string };
  if (!res.ok || !data.files) return { ok: false, error: data.error ?? "The files could not be uploaded." };
  return { ok: true, ids: data.files.map((f) => f.id) };
}
