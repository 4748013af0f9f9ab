import { redirect } from "next/navigation";

export default function InboxPage() {
  redirect("/inbox/new");
}
