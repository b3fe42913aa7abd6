using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Api;

/// <summary>
/// An API error carried to the HTTP layer and written as a metav1 Status (or, when <see cref="PlainText"/> is set,
/// as the plain-text body the real server's catch-all handler writes).
/// </summary>
public sealed class StatusException : Exception
{
    public StatusException(int code, string reason, string message, StatusDetails? details = null, bool plainText = false)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
        PlainText = plainText;
    }

    public int Code { get; }

    /// <summary>The metav1 StatusReason; empty for plain internal errors.</summary>
    public string Reason { get; }
    public StatusDetails? Details { get; }
    public bool PlainText { get; }

    /// <summary>A continue token for the Status's list metadata (410 on an expired continue carries a fresh one).</summary>
    public string? Continue { get; init; }

    /// <summary>The Status object in the real server's field order.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = Continue is null ? new JsonObject() : new JsonObject { ["continue"] = Continue },
            ["status"] = "Failure",
        };
        if (Message.Length > 0)
        {
            status["message"] = Message;
        }

        if (Reason.Length > 0)
        {
            status["reason"] = Reason;
        }

        if (Details is not null)
        {
            status["details"] = Details.ToJson();
        }

        status["code"] = Code;
        return status;
    }
}

/// <summary>metav1.StatusDetails. <see cref="Kind"/> is the resource plural for most reasons, the Kind for Invalid.</summary>
public sealed record StatusDetails(string? Name, string? Group, string? Kind, string? Uid = null, IReadOnlyList<StatusCause>? Causes = null, int? RetryAfterSeconds = null)
{
    public JsonObject ToJson()
    {
        var details = new JsonObject();
        if (!string.IsNullOrEmpty(Name))
        {
            details["name"] = Name;
        }

        if (!string.IsNullOrEmpty(Group))
        {
            details["group"] = Group;
        }

        if (!string.IsNullOrEmpty(Kind))
        {
            details["kind"] = Kind;
        }

        if (!string.IsNullOrEmpty(Uid))
        {
            details["uid"] = Uid;
        }

        if (Causes is { Count: > 0 })
        {
            details["causes"] = new JsonArray(Causes.Select(c => (JsonNode)c.ToJson()).ToArray());
        }

        if (RetryAfterSeconds is { } retry)
        {
            details["retryAfterSeconds"] = retry;
        }

        return details;
    }
}

public sealed record StatusCause(string Reason, string Message, string? Field)
{
    /// <summary>Every member is omitempty in Go: an internal error's cause has a message only.</summary>
    public JsonObject ToJson()
    {
        var cause = new JsonObject();
        if (Reason.Length > 0)
        {
            cause["reason"] = Reason;
        }

        if (Message.Length > 0)
        {
            cause["message"] = Message;
        }

        if (!string.IsNullOrEmpty(Field))
        {
            cause["field"] = Field;
        }

        return cause;
    }
}
