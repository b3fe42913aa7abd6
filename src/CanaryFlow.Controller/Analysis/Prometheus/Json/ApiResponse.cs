using System.Text.Json;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>The envelope: <c>{"status","data","errorType","error","warnings","infos"}</c>.</summary>
internal sealed record ApiResponse(
    string? Status,
    ApiData? Data,
    string? ErrorType,
    string? Error,
    List<string>? Warnings,
    List<string>? Infos);

/// <summary><c>data</c> of a query response; <see cref="Result"/> is read once <see cref="ResultType"/> is known.</summary>
internal sealed record ApiData(string? ResultType, JsonElement Result);
