namespace CanaryFlow.Core.StateMachines;

/// <summary>Why firing <see cref="Trigger"/> in <see cref="State"/> failed, with a message naming both.</summary>
public sealed class FireFailure<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    internal FireFailure(TState state, TTrigger trigger, FireFailureReason reason, IReadOnlyList<string> failedGuards, string message)
    {
        State = state;
        Trigger = trigger;
        Reason = reason;
        FailedGuards = failedGuards;
        Message = message;
    }

    public TState State { get; }

    public TTrigger Trigger { get; }

    public FireFailureReason Reason { get; }

    /// <summary>The descriptions of the guards that were evaluated and returned false, in evaluation order.</summary>
    public IReadOnlyList<string> FailedGuards { get; }

    public string Message { get; }

    public override string ToString() => Message;
}
