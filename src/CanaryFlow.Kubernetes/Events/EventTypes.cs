namespace CanaryFlow.Kubernetes.Events;

/// <summary>The only two event types the API server accepts.</summary>
public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
