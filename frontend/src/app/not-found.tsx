import Link from "next/link";
import { catalogs } from "@/i18n/catalogs";
import { requestPreferences } from "@/lib/request-preferences";

export default async function NotFound() {
  const { lang } = await requestPreferences();
  const m = catalogs[lang];
  return (
    <div className="flex flex-col items-start gap-3 py-10">
      <h1 className="text-2xl font-bold">404</h1>
      <p>{m.common.pageNotFound}</p>
      <Link href="/" className="text-accent underline">
        {m.nav.home}
      </Link>
    </div>
  );
}
