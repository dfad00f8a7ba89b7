import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { catalogs } from "@/i18n/catalogs";
import { requestPreferences } from "@/lib/request-preferences";
import { Header } from "./_components/header";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { lang } = await requestPreferences();
  const m = catalogs[lang];
  return { title: { default: m.app.name, template: `%s · ${m.app.name}` }, description: m.app.tagline };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Applies the theme before first paint so dark mode does not flash.
const themeScript = `(function(){try{var m=document.cookie.match(/(?:^|; )theme=(\\w+)/);var t=m?m[1]:"system";var d=t==="dark"||(t==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const prefs = await requestPreferences();
  const m = catalogs[prefs.lang];
  return (
    <html lang={prefs.lang} className={prefs.theme === "dark" ? "dark" : undefined} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">
        <Providers lang={prefs.lang} theme={prefs.theme}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
            {m.app.skipToContent}
          </a>
          <Header />
          <main id="main" className="mx-auto w-full max-w-6xl px-3 py-4 sm:px-6 sm:py-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
