"use client";

import { SmileIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { replaceRange } from "@/components/composer/quick-reply-logic";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Spinner } from "@/components/ui/spinner";

// The emoji data (~30 kB gzip) loads when the picker first opens, never with the inbox.
const EmojiGrid = dynamic(() => import("@/components/composer/emoji-grid").then((m) => m.EmojiGrid), {
  loading: () => (
    <div className="flex h-72 items-center justify-center">
      <Spinner label="Loading emoji" />
    </div>
  ),
});

/** The smiley button: picks an emoji and puts it at the caret of the reply box. */
export function EmojiPicker({
  textarea,
  text,
  setText,
}: {
  textarea: React.RefObject<HTMLTextAreaElement | null>;
  text: string;
  setText: (text: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Insert an emoji" title="Emoji">
          <SmileIcon />
        </Button>
      </PopoverTrigger>
      <PopoverContent
        side="top"
        align="start"
        className="w-[min(20rem,calc(100vw-1.5rem))] p-2"
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          textarea.current?.focus();
        }}
      >
        {open && (
          <EmojiGrid
            onPick={(emoji) => {
              const node = textarea.current;
              const next = replaceRange(text, node?.selectionStart ?? text.length, node?.selectionEnd ?? text.length, emoji);
              setText(next.text);
              setOpen(false);
              requestAnimationFrame(() => node?.setSelectionRange(next.caret, next.caret));
            }}
          />
        )}
      </PopoverContent>
    </Popover>
  );
}
