using System.Diagnostics.CodeAnalysis;

namespace CanaryFlow.Core.StateMachines;

/// <summary>The outcome of <c>TryFire</c>: either the transition made or the reason none could be.</summary>
public sealed class FireResult<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    internal FireResult(Transition<TState, TTrigger> transition)
    {
        Transition = transition;
        Succeeded = true;
    }

    internal FireResult(FireFailure<TState, TTrigger> failure)
    {
        Failure = failure;
    }

    [MemberNotNullWhen(true, nameof(Transition))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded { get; }

    public Transition<TState, TTrigger>? Transition { get; }

    public FireFailure<TState, TTrigger>? Failure { get; }

    public override string ToString() => Succeeded ? Transition.ToString() : Failure.Message;
}
