/** Zod schema for GET /api/v1/analysis/predict/<symbol>/?model_type=… (ml_models/apis.py). */
import { z } from "zod";
import { optNum, optStr } from "@/lib/schema-helpers";

export const MODEL_TYPES = ["price_prediction", "trend_analysis", "risk_assessment"] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const predictionSchema = z.object({
  symbol: z.string(),
  model_type: z.enum(MODEL_TYPES),
  model: z.object({ version: optStr, description: optStr }).nullish(),
  as_of: optStr,
  source: optStr,
  prediction: z.object({
    horizon_days: optNum,
    last_close: optNum,
    predicted_price: optNum,
    lower: optNum,
    upper: optNum,
    probability_up: optNum,
    direction: optStr,
    annual_volatility: optNum,
    var_95_1d: optNum,
    cvar_95_1d: optNum,
    max_drawdown: optNum,
    beta: optNum,
    level: optStr,
    backtest_var_breaches: optNum,
  }),
  evaluation: z
    .object({ metric: optStr, model: optNum, baseline: optNum, baseline_name: optStr, test_points: optNum, folds: optNum, skill: optNum, method: optStr, beats_baseline: z.boolean().nullish() })
    .nullish(),
  disclaimer: z.object({ ko: z.string(), en: z.string() }).partial().nullish(),
});
export type Prediction = z.infer<typeof predictionSchema>;
