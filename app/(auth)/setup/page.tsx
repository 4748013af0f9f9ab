import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { hasAnyUser } from "@/lib/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await hasAnyUser(getDb())) redirect("/sign-in");
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>
          <h1>Welcome to Switchboard</h1>
        </CardTitle>
        <CardDescription>Create the administrator account. You can invite your team once you are in.</CardDescription>
      </CardHeader>
      <CardContent>
        <SetupForm />
      </CardContent>
    </Card>
  );
}
