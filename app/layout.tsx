// TEMPORARY minimal root layout created by the UI-primitives check; will be deleted.
import "./globals.css";
import { ThemeScript } from "@/components/theme/theme-script";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body>{children}</body>
    </html>
  );
}
