"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { usePreferences } from "@/stores/preferences-store";
import { FormError } from "@/components/error-state";
import { Button, Card, Field, inputClass } from "@/components/ui";
import { getMe } from "../api/get-me";
import { useSignIn } from "../api/sign-in";
import { signInInputSchema } from "../schemas";

export function SignInForm() {
  const { m } = useMessages();
  const router = useRouter();
  const params = useSearchParams();
  const setLang = usePreferences((s) => s.setLang);
  const signIn = useSignIn();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = signInInputSchema.safeParse({ username, password });
    if (!parsed.success) {
      signIn.reset(); // an earlier attempt's server error no longer describes this one
      setErrors({ username: username.trim() ? undefined : m.common.required, password: password ? undefined : m.common.required });
      return;
    }
    setErrors({});
    try {
      await signIn.mutateAsync(parsed.data);
      // Apply the language saved in the profile; ignore failures (the page still works).
      await getMe()
        .then((me) => setLang(me.language))
        .catch(() => undefined);
      const next = params.get("next");
      router.replace(next && next.startsWith("/") && !next.startsWith("//") ? next : "/dashboard");
    } catch {
      // The mutation error is rendered below.
    }
  };

  return (
    <Card className="mx-auto w-full max-w-sm" title={<span className="text-xl">{m.auth.signInTitle}</span>}>
      <form noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        <Field id="signin-username" label={m.auth.username} error={errors.username}>
          <input id="signin-username" autoComplete="username" className={inputClass} value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={Boolean(errors.username) || undefined} />
        </Field>
        <Field id="signin-password" label={m.auth.password} error={errors.password}>
          <input id="signin-password" type="password" autoComplete="current-password" className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={Boolean(errors.password) || undefined} />
        </Field>
        <FormError error={signIn.error} />
        <Link href="/reset-password" className="self-end text-sm text-accent underline">
          {m.auth.forgotPassword}
        </Link>
        <Button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? m.common.loading : m.auth.submitSignIn}
        </Button>
        <p className="text-sm text-muted">
          {m.auth.noAccount}{" "}
          <Link href="/signup" className="text-accent underline">
            {m.auth.signUpTitle}
          </Link>
        </p>
      </form>
    </Card>
  );
}
