"use client";

import { MapPinIcon } from "lucide-react";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { replyAction } from "@/app/(app)/inbox/actions";
import type { PendingMessage } from "@/components/conversation/types";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";

type Position = { latitude: number; longitude: number; accuracy: number };

const noop = () => () => {};
const hasGeolocation = () => typeof navigator !== "undefined" && "geolocation" in navigator;

function newClientId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/** The text that goes with a location, for channels that cannot show a map pin (a link anyone can open). */
export function locationText(position: { latitude: number; longitude: number }, name?: string): string {
  const lat = position.latitude.toFixed(6);
  const lon = position.longitude.toFixed(6);
  const link = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
  return name ? `${name}\n${link}` : link;
}

/**
 * Shares where the agent is (the browser's geolocation) as a location message, with an optional place
 * name, after showing it for a check. Sent at once through the reply action, like any reply.
 */
export function LocationShare({
  conversationId,
  onPending,
  onSettled,
}: {
  conversationId: string;
  onPending: (message: PendingMessage) => void;
  onSettled: (clientId: string) => void;
}) {
  const supported = useSyncExternalStore(noop, hasGeolocation, () => false);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<Position | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const sending = useRef(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    navigator.geolocation.getCurrentPosition(
      (p) => live && setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) =>
        live &&
        setError(
          e.code === e.PERMISSION_DENIED
            ? "Your browser did not allow Switchboard to read your location. Allow it in the site settings and try again."
            : "Your location could not be found right now. Try again in a moment.",
        ),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
    return () => {
      live = false;
    };
  }, [open]);

  async function send() {
    if (!position || sending.current) return;
    sending.current = true;
    const clientId = newClientId();
    const label = name.trim() || undefined;
    onPending({ clientId, body: `📍 ${label ?? "Location"}` });
    setOpen(false);
    try {
      const result = await replyAction({
        conversationId,
        body: locationText(position, label),
        clientId,
        location: { latitude: position.latitude, longitude: position.longitude, name: label },
      });
      if (!result.ok) toast.error(result.error);
      else if (result.data.status === "failed") toast.error(`Not delivered: ${result.data.error ?? "the provider refused it"}`);
    } catch {
      toast.error("The location could not be sent: the connection dropped. Try again.");
    } finally {
      sending.current = false;
      onSettled(clientId);
    }
  }

  if (!supported) return null;
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Share my location"
        title="Share my location"
        onClick={() => {
          setPosition(null);
          setError(null);
          setName("");
          setOpen(true);
        }}
      >
        <MapPinIcon />
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Share your location</DialogTitle>
            <DialogDescription>The customer gets a map pin (or a map link where the channel has no pins). Check it before sending.</DialogDescription>
          </DialogHeader>
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : !position ? (
            <Spinner label="Finding your location" />
          ) : (
            <form
              id={`${id}-form`}
              className="grid gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                void send();
              }}
            >
              <p className="text-sm">
                <a
                  className="text-primary underline-offset-4 hover:underline"
                  href={`https://www.openstreetmap.org/?mlat=${position.latitude}&mlon=${position.longitude}#map=16/${position.latitude}/${position.longitude}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {position.latitude.toFixed(5)}, {position.longitude.toFixed(5)}
                </a>{" "}
                <span className="text-muted-foreground">(within about {Math.round(position.accuracy)} m)</span>
              </p>
              <div className="grid gap-1.5">
                <Label htmlFor={`${id}-name`}>Place name (optional)</Label>
                <Input id={`${id}-name`} maxLength={200} placeholder="e.g. Northwind store, Main Street" value={name} onChange={(e) => setName(e.target.value)} />
              </div>
            </form>
          )}
          <DialogFooter>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" form={`${id}-form`} disabled={!position}>
              Send location
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
