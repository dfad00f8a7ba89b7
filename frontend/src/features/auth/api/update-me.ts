import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersMePartialUpdateResponse } from "@/api";
import type { Me } from "../schemas";

export type MePatch = Partial<Pick<Me, "email" | "display_name" | "language" | "base_currency">>;

export function updateMe(patch: MePatch) {
  return apiRequest("/api/v1/users/me/", zApiV1UsersMePartialUpdateResponse, { method: "PATCH", body: patch, auth: true });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateMe, onSuccess: (me) => qc.setQueryData(["me"], me) });
}
