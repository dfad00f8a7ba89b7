/** Types of GET /api/v1/analysis/predict/<symbol>/?model_type=…; the response is parsed with the generated schema (src/api). */
import { zModelTypeEnum, type ModelTypeEnum, type PredictionReady, type PredictionResponse } from "@/api";

export const MODEL_TYPES = zModelTypeEnum.options;
export type ModelType = ModelTypeEnum;
/** What the endpoint answers: a stored prediction (status "ready") or "preparing" while a worker trains it. */
export type PredictionAnswer = PredictionResponse;
export type Prediction = PredictionReady;
