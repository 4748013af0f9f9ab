import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { hasAnyUser } from "@/lib/users";

export const dynamic = "force-dynamic";

export default async function Home() {
  if (!(await hasAnyUser(getDb()))) redirect("/setup");
  redirect((await getCurrentUser()) ? "/inbox" : "/sign-in");
}
