import { InboxIcon } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

export default function NoConversationSelected() {
  return (
    <EmptyState
      className="h-full"
      icon={InboxIcon}
      headingLevel={2}
      title="Pick a conversation"
      description="Choose one from the list to read the thread and reply. Use ↑ and ↓ to move through the list."
    />
  );
}
