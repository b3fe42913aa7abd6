namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>A request the workload's recorder endpoint received: what a client really put on the wire.</summary>
public sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Form);
