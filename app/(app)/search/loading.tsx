import { Spinner } from "@/components/ui/spinner";

export default function SearchLoading() {
  return (
    <div className="flex h-full items-center justify-center">
      <Spinner label="Searching" />
    </div>
  );
}
