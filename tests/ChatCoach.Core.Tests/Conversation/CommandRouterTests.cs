using ChatCoach.Core.Conversation;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatCoach.Core.Tests.Conversation;

public sealed class CommandRouterTests
{
    private readonly EchoHandler _ask = new("ask");
    private readonly EchoHandler _routine = new("routine");
    private readonly EchoHandler _help = new("help", "start");
    private readonly CommandRouter _router;

    public CommandRouterTests()
    {
        _router = new CommandRouter([_ask, _routine, _help, new ThrowingHandler()], NullLogger<CommandRouter>.Instance);
    }

    public static TheoryData<string, string, string> DirectCommands => new()
    {
        { "/routine hips", "routine", "hips" },
        { "/routine@ChatCoachBot hips", "routine", "hips" },
        { "/routine@chatcoachbot   hips  ", "routine", "hips" },
        { "/ROUTINE", "routine", "" },
        { "/start", "start", "" },
        { "/ask my knee hurts", "ask", "my knee hurts" },
        { "my knee hurts on stairs", "ask", "my knee hurts on stairs" },
        { "routine hips", "ask", "routine hips" },
        { "/routine\u0000hips", "routine", "hips" },
    };

    [Theory]
    [MemberData(nameof(DirectCommands))]
    public void Parse_DirectChat_FindsHandlerAndArguments(string text, string command, string arguments)
    {
        var request = _router.Parse(Messages.Direct(text), out _);

        Assert.NotNull(request);
        Assert.Equal(command, request.Command);
        Assert.Equal(arguments, request.Arguments);
    }

    [Theory]
    [InlineData("routine hips", "routine", "hips")]
    [InlineData("/routine hips", "routine", "hips")]
    [InlineData("help", "help", "")]
    [InlineData("why do my knees hurt", "ask", "why do my knees hurt")]
    public void Parse_Console_CommandsWorkWithOrWithoutSlash(string text, string command, string arguments)
    {
        var request = _router.Parse(Messages.Console(text), out _);

        Assert.NotNull(request);
        Assert.Equal(command, request.Command);
        Assert.Equal(arguments, request.Arguments);
    }

    [Theory]
    [InlineData("/help@OtherBot")]
    [InlineData("/routine@other_bot hips")]
    [InlineData("just chatting about the weekend")]
    [InlineData("/weather")]
    [InlineData("")]
    public async Task Route_GroupMessageNotForUs_ReturnsNull(string text)
    {
        Assert.Null(await _router.RouteAsync(Messages.Group(text), CancellationToken.None));
    }

    [Fact]
    public async Task Route_GroupMention_IsAnsweredAsAQuestion()
    {
        var reply = await _router.RouteAsync(Messages.Group("is running bad for my knees?", addressed: true), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal("is running bad for my knees?", Assert.Single(_ask.Requests).Arguments);
    }

    [Fact]
    public async Task Route_UnknownCommandAddressedToUs_ExplainsAndPointsToHelp()
    {
        var reply = await _router.RouteAsync(Messages.Group("/weather@ChatCoachBot"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains("/help", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("routine:hips", "routine", "hips")]
    [InlineData("routine", "routine", "")]
    [InlineData("ask:knee", "ask", "knee")]
    public void Parse_ButtonAction_RoutesLikeACommand(string action, string command, string arguments)
    {
        var request = _router.Parse(Messages.Button(action), out _);

        Assert.NotNull(request);
        Assert.True(request.FromButton);
        Assert.Equal(command, request.Command);
        Assert.Equal(arguments, request.Arguments);
    }

    [Fact]
    public async Task Route_FailingHandler_ApologisesWithoutLeakingTheException()
    {
        var reply = await _router.RouteAsync(Messages.Direct("/boom"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKinds.Error, reply.Kind);
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("/boom", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internal detail", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoHandlersWithOneName_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
            new CommandRouter([new EchoHandler("help"), new EchoHandler("other", "help")], NullLogger<CommandRouter>.Instance));
    }
}
