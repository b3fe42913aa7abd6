namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>
/// The controller's counters at one moment, read from its /metrics. API writes are the create, update, patch and
/// delete requests of <c>canaryflow_api_requests_total</c>, whatever their status code. That counter has no resource
/// label; the controller's Event recorder writes through the same client, so Event writes are in it too, and
/// <c>canaryflow_event_writes_total</c> (creates and series patches) tells how many.
/// </summary>
internal sealed record ControllerSnapshot
{
    public static readonly string[] WriteVerbs = ["create", "update", "patch", "delete"];

    public required IReadOnlyDictionary<string, double> WritesByVerb { get; init; }

    /// <summary>Writes the server did not answer with 2xx (conflicts included).</summary>
    public required double FailedWrites { get; init; }

    /// <summary>Event writes: Events created plus series updates (patches) of existing Events.</summary>
    public required double EventWrites { get; init; }

    public required double EventsDropped { get; init; }

    public required ReconcileHistogram Reconciles { get; init; }

    public required IReadOnlyDictionary<string, double> RolloutsByPhase { get; init; }

    public required double QueueDepth { get; init; }

    public required double InFlight { get; init; }

    public required double Delayed { get; init; }

    public required double EventsPending { get; init; }

    public double Writes => WritesByVerb.Values.Sum();

    public bool Idle => QueueDepth == 0 && InFlight == 0 && EventsPending == 0;

    public static ControllerSnapshot From(MetricsScrape scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        const string requests = "canaryflow_api_requests_total";
        const string events = "canaryflow_events_total";
        return new ControllerSnapshot
        {
            WritesByVerb = WriteVerbs.ToDictionary(v => v, v => scrape.Get(requests, "verb", v)),
            FailedWrites = scrape.Sum(requests, l => WriteVerbs.Contains(l["verb"]) && !l["code"].StartsWith('2')),
            EventWrites = scrape.Sum("canaryflow_event_writes_total"),
            EventsDropped = scrape.Sum(events, l => l["outcome"] is not ("emitted" or "aggregated")),
            Reconciles = ReconcileHistogram.From(scrape),
            RolloutsByPhase = scrape.Samples.Where(s => s.Name == "canaryflow_rollouts").ToDictionary(s => s.Labels["phase"], s => s.Value),
            QueueDepth = scrape.Sum("canaryflow_workqueue_depth"),
            InFlight = scrape.Sum("canaryflow_workqueue_in_flight"),
            Delayed = scrape.Sum("canaryflow_workqueue_delayed"),
            EventsPending = scrape.Sum("canaryflow_events_pending"),
        };
    }

    public double Phase(string phase) => RolloutsByPhase.GetValueOrDefault(phase);
}
