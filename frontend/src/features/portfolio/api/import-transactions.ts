import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { importResultSchema } from "../schemas";

export function importTransactions(file: File) {
  const body = new FormData();
  body.append("file", file);
  return apiRequest("/api/v1/users/portfolio/transactions/import/", importResultSchema, { method: "POST", body, auth: true });
}

export function useImportTransactions() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: importTransactions, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
