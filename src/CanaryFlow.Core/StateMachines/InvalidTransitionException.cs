namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// A trigger was fired where the machine has no behaviour for it. Not generic, so that a caller can catch it
/// without naming the machine's type arguments; <see cref="State"/> and <see cref="Trigger"/> hold the enum values.
/// </summary>
public sealed class InvalidTransitionException : Exception
{
    public InvalidTransitionException(string message, Enum state, Enum trigger, FireFailureReason reason, IReadOnlyList<string> failedGuards)
        : base(message)
    {
        State = state;
        Trigger = trigger;
        Reason = reason;
        FailedGuards = failedGuards;
    }

    public Enum State { get; }

    public Enum Trigger { get; }

    public FireFailureReason Reason { get; }

    /// <summary>The descriptions of the guards that returned false, in evaluation order (empty unless <see cref="FireFailureReason.NoGuardPassed"/>).</summary>
    public IReadOnlyList<string> FailedGuards { get; }
}
