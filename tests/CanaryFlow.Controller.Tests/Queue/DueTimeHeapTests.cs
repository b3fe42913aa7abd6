using CanaryFlow.Controller.Queue;

namespace CanaryFlow.Controller.Tests.Queue;

public sealed class DueTimeHeapTests
{
    private static readonly DateTimeOffset _start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keys_come_out_in_due_time_order_and_only_when_due()
    {
        var heap = new DueTimeHeap<string>(StringComparer.Ordinal);
        heap.Schedule("c", _start.AddSeconds(3));
        heap.Schedule("a", _start.AddSeconds(1));
        heap.Schedule("b", _start.AddSeconds(2));

        Assert.False(heap.TryTakeDue(_start, out _));
        Assert.True(heap.TryTakeDue(_start.AddSeconds(5), out var first));
        Assert.True(heap.TryTakeDue(_start.AddSeconds(5), out var second));
        Assert.True(heap.TryTakeDue(_start.AddSeconds(5), out var third));

        Assert.Equal(["a", "b", "c"], [first, second, third]);
        Assert.Equal(0, heap.Count);
    }

    [Fact]
    public void A_removed_or_superseded_entry_never_comes_out()
    {
        var heap = new DueTimeHeap<string>(StringComparer.Ordinal);
        heap.Schedule("a", _start.AddSeconds(2));
        Assert.True(heap.Schedule("a", _start.AddSeconds(1)));
        Assert.False(heap.Schedule("a", _start.AddSeconds(5)));
        heap.Schedule("b", _start.AddSeconds(1));
        heap.Remove("b");

        Assert.True(heap.TryPeekEarliest(out var earliest));
        Assert.Equal(_start.AddSeconds(1), earliest);
        Assert.True(heap.TryTakeDue(_start.AddSeconds(10), out var key));
        Assert.Equal("a", key);
        Assert.False(heap.TryTakeDue(_start.AddSeconds(10), out _));
        Assert.False(heap.TryPeekEarliest(out _));
    }

    [Fact]
    public void A_key_rescheduled_over_and_over_does_not_grow_the_heap_without_bound()
    {
        var heap = new DueTimeHeap<string>(StringComparer.Ordinal);
        heap.Schedule("waiting", _start.AddHours(1));

        // What a noisy Rollout does during a long pause: every event makes it due now, and its reconcile sets the
        // pause's end again.
        for (var i = 0; i < 10_000; i++)
        {
            heap.Schedule("noisy", _start.AddHours(1));
            heap.Remove("noisy");
        }

        Assert.Equal(1, heap.Count);
        Assert.InRange(heap.HeapSize, 1, 64);
    }
}
