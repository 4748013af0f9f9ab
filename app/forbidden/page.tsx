import { ShieldXIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function Forbidden() {
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <EmptyState
        icon={ShieldXIcon}
        headingLevel={2}
        title="Not for your role"
        description="Your role does not give access to this page. Ask an administrator if you need it."
        action={
          <Button asChild>
            <Link href="/inbox">Back to the inbox</Link>
          </Button>
        }
      />
    </main>
  );
}
