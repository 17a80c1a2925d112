export { evaluate, type EvaluationInput } from './evaluate.js';
export { evaluationReportSchema, type EvaluationReport } from './evaluation-report.js';
export { learningCurveSchema, type LearningCurve, type LearningCurveEpoch } from './learning-curve.js';
export { testPredictionRecords, type TestPredictionRecord } from './test-predictions.js';
