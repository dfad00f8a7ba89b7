"use client";
/** My page: profile (display name, email, base currency), language, theme, password. */
import { useState, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import type { Lang } from "@/i18n/format";
import { fieldErrorTexts } from "@/i18n/errors";
import { usePreferences, type Theme } from "@/stores/preferences-store";
import { ErrorState, FormError } from "@/components/error-state";
import { Button, Card, Field, Skeleton, inputClass } from "@/components/ui";
import { useChangePassword } from "../api/change-password";
import { useMe } from "../api/get-me";
import { useUpdateMe } from "../api/update-me";
import type { Me } from "../schemas";

function ProfileForm({ me }: { me: Me }) {
  const { m, lang } = useMessages();
  const update = useUpdateMe();
  const [displayName, setDisplayName] = useState(me.display_name ?? "");
  const [email, setEmail] = useState(me.email);
  const [currency, setCurrency] = useState(me.base_currency ?? "USD");
  const fieldErrors = fieldErrorTexts(update.error, m, lang);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ display_name: displayName, email, base_currency: currency });
  };
  return (
    <Card title={m.mypage.profile} titleId="profile-title">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <p className="text-sm text-muted">
          {m.auth.username}: <strong className="text-fg">{me.username}</strong>
        </p>
        <Field id="me-display-name" label={m.mypage.displayName} error={fieldErrors.display_name}>
          <input id="me-display-name" className={inputClass} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </Field>
        <Field id="me-email" label={m.auth.email} error={fieldErrors.email}>
          <input id="me-email" type="email" className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field id="me-currency" label={m.mypage.baseCurrency} error={fieldErrors.base_currency}>
          <select id="me-currency" className={inputClass} value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {["USD", "KRW", "EUR", "JPY"].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </Field>
        {update.error && Object.keys(fieldErrors).length === 0 && <FormError error={update.error} />}
        {update.isSuccess && <p role="status" className="text-sm text-up">{m.mypage.saved}</p>}
        <Button type="submit" disabled={update.isPending} className="self-start">
          {update.isPending ? m.common.saving : m.common.save}
        </Button>
      </form>
    </Card>
  );
}

function PreferencesForm() {
  const { m } = useMessages();
  const lang = usePreferences((s) => s.lang);
  const theme = usePreferences((s) => s.theme);
  const setLang = usePreferences((s) => s.setLang);
  const setTheme = usePreferences((s) => s.setTheme);
  const update = useUpdateMe();
  return (
    <Card title={m.mypage.appearance} titleId="appearance-title">
      <div className="flex flex-col gap-3">
        <Field id="me-language" label={m.mypage.language}>
          <select
            id="me-language"
            className={inputClass}
            value={lang}
            onChange={(e) => {
              const next = e.target.value as Lang;
              setLang(next);
              update.mutate({ language: next });
            }}
          >
            <option value="ko">{m.mypage.korean}</option>
            <option value="en">{m.mypage.english}</option>
          </select>
        </Field>
        <Field id="me-theme" label={m.nav.theme}>
          <select id="me-theme" className={inputClass} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="system">{m.nav.themeSystem}</option>
            <option value="light">{m.nav.themeLight}</option>
            <option value="dark">{m.nav.themeDark}</option>
          </select>
        </Field>
        <FormError error={update.error} />
      </div>
    </Card>
  );
}

function PasswordForm() {
  const { m, lang } = useMessages();
  const change = useChangePassword();
  const [oldPassword, setOld] = useState("");
  const [newPassword, setNew] = useState("");
  const [error, setError] = useState<string | undefined>();
  const fieldErrors = fieldErrorTexts(change.error, m, lang);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (newPassword.length < 8) {
      setError(m.auth.passwordTooShort);
      return;
    }
    setError(undefined);
    change.mutate(
      { old_password: oldPassword, new_password: newPassword },
      {
        onSuccess: () => {
          setOld("");
          setNew("");
        },
      },
    );
  };
  return (
    <Card title={m.mypage.password} titleId="password-title">
      <form noValidate onSubmit={submit} className="flex flex-col gap-3">
        <Field id="me-old-password" label={m.mypage.oldPassword} error={fieldErrors.old_password}>
          <input id="me-old-password" type="password" autoComplete="current-password" className={inputClass} value={oldPassword} onChange={(e) => setOld(e.target.value)} />
        </Field>
        <Field id="me-new-password" label={m.mypage.newPassword} error={error ?? fieldErrors.new_password}>
          <input id="me-new-password" type="password" autoComplete="new-password" className={inputClass} value={newPassword} onChange={(e) => setNew(e.target.value)} aria-invalid={Boolean(error) || undefined} />
        </Field>
        {change.error && Object.keys(fieldErrors).length === 0 && <FormError error={change.error} />}
        {change.isSuccess && <p role="status" className="text-sm text-up">{m.mypage.passwordChanged}</p>}
        <Button type="submit" disabled={change.isPending} className="self-start">
          {change.isPending ? m.common.saving : m.common.save}
        </Button>
      </form>
    </Card>
  );
}

export function MyPage() {
  const { m } = useMessages();
  const me = useMe();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{m.mypage.title}</h1>
      <div className="grid gap-4 lg:grid-cols-2">
        {me.isPending ? <Skeleton className="h-64" label={m.common.loading} /> : me.isError ? <ErrorState error={me.error} onRetry={() => void me.refetch()} /> : <ProfileForm me={me.data} />}
        <div className="flex flex-col gap-4">
          <PreferencesForm />
          <PasswordForm />
        </div>
      </div>
    </div>
  );
}
