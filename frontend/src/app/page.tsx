import { catalogs } from "@/i18n/catalogs";
import { requestPreferences } from "@/lib/request-preferences";
import { PopularStocks } from "@/features/stocks/components/popular-stocks";
import { StockSearch } from "@/features/stocks/components/stock-search";

export default async function HomePage() {
  const { lang } = await requestPreferences();
  const m = catalogs[lang];
  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-3 py-4">
        <h1 className="text-3xl font-bold">{m.home.heroTitle}</h1>
        <p className="max-w-2xl text-muted">{m.home.heroBody}</p>
        <div className="max-w-xl">
          <StockSearch />
        </div>
      </section>
      <PopularStocks />
    </div>
  );
}
