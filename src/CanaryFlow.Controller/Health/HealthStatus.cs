namespace CanaryFlow.Controller.Health;

/// <summary>The answer of a health endpoint: 200 when healthy, else 503, with <see cref="Detail"/> as the body.</summary>
public readonly record struct HealthStatus(bool Healthy, string Detail);
