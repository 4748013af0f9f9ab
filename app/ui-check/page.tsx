import { Demo } from "./demo";

export default function Page() {
  return (
    <main className="grid grid-cols-1 xl:grid-cols-2">
      <section className="bg-background p-6 text-foreground" aria-label="Light">
        <Demo theme="light" />
      </section>
      <section className="dark bg-background p-6 text-foreground" aria-label="Dark">
        <Demo theme="dark" />
      </section>
    </main>
  );
}
