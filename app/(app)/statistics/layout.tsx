import { StatisticsTabs } from "@/components/statistics/statistics-tabs";
import { requirePermission } from "@/lib/auth/session";

export default async function StatisticsLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("statistics.read");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-7xl gap-4 px-3 py-4 md:px-6 md:py-6">
        <header className="grid gap-3">
          <h1 className="text-xl font-semibold tracking-tight">Statistics</h1>
          <StatisticsTabs />
        </header>
        {children}
      </div>
    </div>
  );
}
