"use client";

import { MicIcon, SquareIcon, XIcon } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Popover, PopoverAnchor, PopoverContent } from "@/components/ui/popover";

/** Recordings stop by themselves after this long: a voice message, not a podcast. */
const MAX_SECONDS = 300;
// Opus in Ogg is what WhatsApp and Telegram play as a voice note; Chrome records Opus in WebM, Safari AAC in MP4.
const TYPES = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/mp4", "audio/webm"];
const extensions: Record<string, string> = { "audio/ogg": "ogg", "audio/webm": "webm", "audio/mp4": "m4a" };

const noop = () => () => {};
function canRecord(): boolean {
  return typeof window !== "undefined" && "MediaRecorder" in window && Boolean(navigator.mediaDevices?.getUserMedia);
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * Records a voice message in the browser (MediaRecorder) and hands it over as an audio file, which then goes
 * out like any attachment: previewed, checked against the channel's rules and uploaded on Send.
 */
export function VoiceRecorder({ onRecorded }: { onRecorded: (file: File) => void }) {
  const supported = useSyncExternalStore(noop, canRecord, () => false);
  const [seconds, setSeconds] = useState(0);
  const [recording, setRecording] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);
  const keep = useRef(false);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [recording]);
  useEffect(() => {
    if (recording && seconds >= MAX_SECONDS) stop(true);
  }, [recording, seconds]);
  useEffect(
    () => () => {
      keep.current = false;
      recorder.current?.stop();
    },
    [],
  );

  async function start() {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      toast.error("The microphone is not available: allow Switchboard to use it in your browser's site settings, then try again.");
      return;
    }
    const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const media = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    media.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    media.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      setRecording(false);
      if (!keep.current || !chunks.length) return;
      const type = (media.mimeType || mimeType || "audio/webm").split(";")[0];
      const stamp = new Date().toISOString().slice(0, 16).replace("T", " ").replace(":", ".");
      onRecorded(new File(chunks, `Voice message ${stamp}.${extensions[type] ?? "webm"}`, { type }));
    };
    recorder.current = media;
    keep.current = false;
    setSeconds(0);
    media.start(1000);
    setRecording(true);
  }

  function stop(save: boolean) {
    keep.current = save;
    recorder.current?.stop();
    recorder.current = null;
  }

  if (!supported) return null;
  return (
    <Popover open={recording} onOpenChange={(open) => !open && stop(false)}>
      <PopoverAnchor asChild>
        <Button variant="ghost" size="icon" aria-label="Record a voice message" title="Record a voice message" disabled={recording} onClick={() => void start()}>
          <MicIcon />
        </Button>
      </PopoverAnchor>
      <PopoverContent side="top" align="start" className="flex w-auto items-center gap-3 p-2 pl-3">
        <span className="flex items-center gap-2 text-sm tabular-nums" role="status" aria-live="polite">
          <span className="size-2.5 animate-pulse rounded-full bg-destructive" aria-hidden="true" />
          Recording {clock(seconds)}
        </span>
        <Button size="sm" autoFocus onClick={() => stop(true)}>
          <SquareIcon aria-hidden="true" />
          Stop and attach
        </Button>
        <Button size="icon-sm" variant="ghost" aria-label="Discard the recording" onClick={() => stop(false)}>
          <XIcon />
        </Button>
      </PopoverContent>
    </Popover>
  );
}
