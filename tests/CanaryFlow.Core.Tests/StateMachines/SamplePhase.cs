namespace CanaryFlow.Core.Tests.StateMachines;

public enum SamplePhase
{
    Healthy,
    Progressing,
    Paused,
    Degraded,
    NeverConfigured,
}
