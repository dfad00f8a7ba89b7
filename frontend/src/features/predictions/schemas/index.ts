/** Types of GET /api/v1/analysis/predict/<symbol>/?model_type=…; the response is parsed with the generated schema (src/api). */
import { zModelTypeEnum, type ModelTypeEnum, type PredictionResponse } from "@/api";

export const MODEL_TYPES = zModelTypeEnum.options;
export type ModelType = ModelTypeEnum;
export type Prediction = PredictionResponse;
