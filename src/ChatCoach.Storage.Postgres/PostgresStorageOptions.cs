using System.ComponentModel.DataAnnotations;

namespace ChatCoach.Storage.Postgres;

/// <summary>The <c>Storage</c> section when <c>Storage:Provider</c> is <c>Postgres</c>.</summary>
public sealed class PostgresStorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=chatcoach;Username=chatcoach;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PostgresDatabase.DescribeInvalid(ConnectionString) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
        }
    }
}
