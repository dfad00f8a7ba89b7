export default function Loading() {
  return (
    <div className="flex flex-col gap-4" role="status" aria-busy="true">
      <div className="h-20 w-64 max-w-full animate-pulse rounded-md bg-subtle" />
      <div className="h-[420px] w-full animate-pulse rounded-lg bg-subtle" />
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-48 animate-pulse rounded-lg bg-subtle" />
        <div className="h-48 animate-pulse rounded-lg bg-subtle" />
      </div>
    </div>
  );
}
