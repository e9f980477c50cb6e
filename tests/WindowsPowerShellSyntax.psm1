# What tests/ChildScripts.Tests.ps1 checks: which scripts reach Windows PowerShell 5.1 children, and what in a
# script PowerShell 5.1 lacks (syntax, command parameters, automatic variables and .NET members of PowerShell 7 and
# .NET Core). Not exhaustive: it names what these suites use or are tempted to use; the 5.1 CI job runs the rest.
using namespace System.Management.Automation.Language
Set-StrictMode -Version 3.0

# Command parameters PowerShell 6 and 7 added.
$script:NewParameters = @{
    'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'AsJob')
    'ConvertFrom-Json'  = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json'    = @('AsArray', 'EscapeHandling')
    'Join-Path'         = @('AdditionalChildPath', 'Extension')
    'Get-Content'       = @('AsByteStream')
    'Set-Content'       = @('AsByteStream')
    'Add-Content'       = @('AsByteStream')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'Authentication', 'Token', 'StatusCodeVariable', 'SkipHttpErrorCheck')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SkipHttpErrorCheck')
}
$script:NewEncodings = @('utf8BOM', 'utf8NoBOM', 'ansi')
$script:NewCommands = @('Test-Json', 'Get-Error', 'Join-String', 'ConvertFrom-Markdown', 'Get-Uptime', 'Remove-Alias')
$script:NewVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle')
# .NET Core members and types .NET Framework 4.x does not have.
$script:NewMembers = @('ToHexString', 'FromHexString', 'HashData', 'SetUnixFileMode', 'GetUnixFileMode', 'Latin1')
$script:NewTypes = @('System.Runtime.Loader.AssemblyLoadContext', 'System.IO.UnixFileMode')

<#
.SYNOPSIS
    What in the script PowerShell 5.1 lacks, one line each; nothing when it is 5.1 code.
#>
function Find-PowerShell7Construct([ScriptBlockAst] $Ast) {
    $all = $Ast.FindAll({ $true }, $true)
    foreach ($node in $all) {
        $text = $node.Extent.Text -replace '\s+', ' '
        $where = "line $($node.Extent.StartLineNumber): $($text.Substring(0, [Math]::Min(80, $text.Length)))"
        switch ($node) {
            { $_ -is [TernaryExpressionAst] } { "ternary operator, $where" }
            { $_ -is [PipelineChainAst] } { "pipeline chain (&& or ||), $where" }
            { $_ -is [BinaryExpressionAst] -and $_.Operator -eq [TokenKind]::QuestionQuestion } { "?? operator, $where" }
            { $_ -is [AssignmentStatementAst] -and $_.Operator -eq [TokenKind]::QuestionQuestionEquals } { "??= operator, $where" }
            { $_ -is [MemberExpressionAst] -and $_.NullConditional } { "?. member access, $where" }
            { $_ -is [IndexExpressionAst] -and $_.NullConditional } { "?[] index, $where" }
            { $_ -is [ScriptBlockAst] -and $null -ne $_.CleanBlock } { "clean block, $where" }
            { $_ -is [VariableExpressionAst] -and $NewVariables -contains $_.VariablePath.UserPath } { "PowerShell 7 variable, $where" }
            { $_ -is [MemberExpressionAst] -and $_.Member -is [StringConstantExpressionAst] -and $NewMembers -contains $_.Member.Value } {
                ".NET Core member, $where"
            }
            { $_ -is [TypeExpressionAst] -and $NewTypes -contains $_.TypeName.FullName } { ".NET Core type, $where" }
            { $_ -is [CommandAst] } { Find-NewCommandUse $_ $where }
        }
    }
}

function Find-NewCommandUse([CommandAst] $Command, [string] $Where) {
    $name = $Command.GetCommandName()
    if (-not $name) { return }
    if ($NewCommands -contains $name) { "PowerShell 7 command $name, $Where" }
    $parameters = @($Command.CommandElements | Where-Object { $_ -is [CommandParameterAst] })
    $new = $NewParameters[$name]
    foreach ($parameter in $parameters) {
        if ($new -and $new -contains $parameter.ParameterName) { "$name -$($parameter.ParameterName), $Where" }
    }
    foreach ($element in $Command.CommandElements | Where-Object { $_ -is [StringConstantExpressionAst] }) {
        if ($NewEncodings -contains $element.Value) { "encoding $($element.Value), $Where" }
    }
    if ($name -eq 'Join-Path') {
        # Join-Path takes one child path in 5.1; more positional parts are PowerShell 7's -AdditionalChildPath.
        $positional = @($Command.CommandElements | Select-Object -Skip 1 | Where-Object { $_ -isnot [CommandParameterAst] })
        if ($parameters.Count -eq 0 -and $positional.Count -gt 2) { "Join-Path with more than two parts, $Where" }
    }
}

<#
.SYNOPSIS
    Every script that may run in a Windows PowerShell 5.1 child: tests/ChildFlow.ps1, and the -Script argument of each
    call in tests/*.Tests.ps1 that has both -Script and an -Edition other than the constant Core (a variable counts).
    Text is $null where -Script is not a literal.
#>
function Get-DesktopChildScript([string] $TestFolder) {
    $flow = Join-Path $TestFolder 'ChildFlow.ps1'
    [pscustomobject]@{ File = $flow; Line = 1; Text = (Get-Content -LiteralPath $flow -Raw) }
    foreach ($file in Get-ChildItem -LiteralPath $TestFolder -Filter '*.Tests.ps1') {
        $ast = [Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
        foreach ($command in $ast.FindAll({ param($node) $node -is [CommandAst] }, $true)) {
            $edition = Get-ParameterArgument $command 'Edition'
            $script = Get-ParameterArgument $command 'Script'
            if ($null -eq $edition -or $null -eq $script) { continue }
            if ($edition -is [StringConstantExpressionAst] -and $edition.Value -eq 'Core') { continue }
            $text = if ($script -is [StringConstantExpressionAst]) { $script.Value } else { $null }
            [pscustomobject]@{ File = $file.FullName; Line = $command.Extent.StartLineNumber; Text = $text }
        }
    }
}

# The argument of -Name in a command (-Name value or -Name:value), or $null.
function Get-ParameterArgument([CommandAst] $Command, [string] $Name) {
    $elements = $Command.CommandElements
    for ($i = 0; $i -lt $elements.Count; $i++) {
        $element = $elements[$i]
        if ($element -isnot [CommandParameterAst] -or $element.ParameterName -ne $Name) { continue }
        if ($null -ne $element.Argument) { return $element.Argument }
        if ($i + 1 -lt $elements.Count) { return $elements[$i + 1] }
    }
    return $null
}

Export-ModuleMember -Function Find-PowerShell7Construct, Get-DesktopChildScript
