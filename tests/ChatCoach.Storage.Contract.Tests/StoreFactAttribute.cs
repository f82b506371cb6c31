using System.Reflection;
using ChatCoach.Storage.Contract.Tests.Backends;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ChatCoach.Storage.Contract.Tests;

/// <summary>
/// A contract test: run on every backend, except that a PostgreSQL class is skipped (with how to start a server)
/// when no test server is set and none is required.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("ChatCoach.Storage.Contract.Tests.StoreFactDiscoverer", "ChatCoach.Storage.Contract.Tests")]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private static int _told;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        if (UsesPostgres(testMethod.TestClass.Class.ToRuntimeType()) && PostgresServer.SkipReason is { } reason)
        {
            // One line in the test output (xunit.runner.json turns diagnostic messages on for this).
            if (Interlocked.Exchange(ref _told, 1) == 0)
            {
                DiagnosticMessageSink.OnMessage(new DiagnosticMessage($"PostgreSQL tests skipped: {reason}"));
            }

            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }

    /// <summary>True for a class whose backend (a generic argument somewhere up its bases) is PostgreSQL.</summary>
    internal static bool UsesPostgres(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type == typeof(PostgresBackend) || (type.IsGenericType && type.GetGenericArguments().Contains(typeof(PostgresBackend))))
            {
                return true;
            }

            if (type.GetCustomAttribute<UsesPostgresAttribute>() is not null)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Marks a non-contract test class that needs the PostgreSQL test server (skipped the same way).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UsesPostgresAttribute : Attribute;
