using System.ComponentModel.DataAnnotations;

namespace ChatCoach.Operations;

/// <summary>Health:* — the operator's HTTP listener for <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
public sealed class HealthOptions : IValidatableObject
{
    public const string SectionName = "Health";

    /// <summary>Where to listen, e.g. <c>http://127.0.0.1:8080</c>; empty (the default) means no listener.</summary>
    public string? Url { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Url)
            && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/"))
        {
            yield return new ValidationResult($"Health:Url must be an http:// address with a port and no path, e.g. http://127.0.0.1:8080 (got '{Url}').", [nameof(Url)]);
        }
    }
}
