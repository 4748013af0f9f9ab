import { SearchXIcon } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

export default function ConversationNotFound() {
  return (
    <EmptyState
      className="h-full"
      icon={SearchXIcon}
      headingLevel={2}
      title="Conversation not found"
      description="It does not exist, or it belongs to a team you are not in."
    />
  );
}
