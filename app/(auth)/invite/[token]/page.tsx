import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/settings";
import { invitationStatus } from "@/lib/settings/invitations";
import { AcceptForm } from "./accept-form";

export const metadata: Metadata = { title: "Join", robots: { index: false } };
export const dynamic = "force-dynamic";

const closed = {
  expired: { title: "This invitation has expired", text: "Invitations work for 7 days. Ask your administrator to send you a new link." },
  used: { title: "This invitation has been used", text: "An account was already created with it. Sign in with your e-mail and password." },
  revoked: { title: "This invitation was withdrawn", text: "Ask your administrator for a new link if you should have access." },
  unknown: { title: "This link does not work", text: "Check that you copied all of it, or ask your administrator for a new one." },
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const [status, settings] = await Promise.all([invitationStatus(db, token), getSettings(db)]);
  if (status.status !== "open") {
    const { title, text } = closed[status.status];
    return (
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle>
            <h1>{title}</h1>
          </CardTitle>
          <CardDescription>{text}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline" className="w-full">
            <Link href="/sign-in">Go to sign-in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>
          <h1>Join {settings.companyName} on Switchboard</h1>
        </CardTitle>
        <CardDescription>Choose your name and a password to finish setting up your account.</CardDescription>
      </CardHeader>
      <CardContent>
        <AcceptForm token={token} email={status.email} />
      </CardContent>
    </Card>
  );
}
