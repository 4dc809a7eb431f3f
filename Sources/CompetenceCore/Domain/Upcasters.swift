/// Readers of older schema versions. Every catalogue type is at version 1 today, so nothing is registered;
/// when a type's fields change, raise its `schemaVersion` and register the old shape here, e.g.:
///
/// ```swift
/// codec.registerUpcaster(from: SurveyAnswerRecordedV1.self, version: 1, to: SurveyAnswerRecorded.self,
///                        wrap: CompetenceEvent.surveyAnswerRecorded) { old in SurveyAnswerRecorded(…) }
/// ```
enum Upcasters {
    static func register(into codec: inout EventCodec<CompetenceEvent>) {}
}
