<#
.SYNOPSIS
    The one entry point for building, testing, documenting, demonstrating and packaging HyprAuth.
.DESCRIPTION
    Tasks:
      Build    publish the engine, cmdlets and loader into out/HyprAuth/<version>/ (and the emulator into out/emulator/),
               with ReadyToRun images of the engine for PowerShell 7 on this machine's platform
      Docs     turn docs/*.md into MAML help and about_ help text inside the built module
      Test     Build, then the xunit projects, then Pester in a fresh PowerShell that imports the built module
               (PowerShell 7 only; the tests about Windows PowerShell 5.1 start it themselves)
      Demo     Build, then the whole flow against the bundled HYPR emulator
      Bench    Build, then the benchmarks in bench/ (they print figures; they never assert)
      Sign     Build, then Authenticode-sign the module's own DLLs, manifest and format file (build/Signing.psm1)
      Package  Build, then the .nupkg that PowerShell Gallery takes, in out/package/ (signed first with -Sign)
      Clean    remove out/ and every bin/ and obj/
    Runs on PowerShell 7 and on Windows PowerShell 5.1 (no syntax newer than 5.1 here), but for Test.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Task Test -PesterPath TokenCache -XunitFilter 'FullyQualifiedName~Cache'
    A focused run while working on one area: one Pester file and the matching xunit tests.
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Task Test -PesterTag WindowsPowerShell
    Windows only: the tests that run the module in Windows PowerShell 5.1 children (the Windows PowerShell 5.1 CI job).
.EXAMPLE
    ./build.ps1 -Task Package -Sign -CertificatePath ./signing.pfx -CertificatePassword (Read-Host -AsSecureString) -TimestampServer http://timestamp.example
    A signed .nupkg: osslsigncode on Linux and macOS, Set-AuthenticodeSignature on Windows. Unsigned is the default.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Docs', 'Test', 'Demo', 'Bench', 'Sign', 'Package', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Test only: run just these Pester files (names or paths under tests/), and skip xunit unless -XunitFilter is given.
    [string[]] $PesterPath,

    # Test only: run just the Pester tests with these tags (WindowsPowerShell: the Windows PowerShell 5.1 job's tests),
    # and skip xunit unless -XunitFilter is given.
    [string[]] $PesterTag,

    # Test only: a dotnet test --filter expression; with -PesterPath or -PesterTag and no filter, xunit is skipped.
    [string] $XunitFilter,

    # Package only: sign the module before packing it (as -Task Sign does).
    [switch] $Sign,

    # Sign: the code-signing certificate as a PFX file, and its password.
    [string] $CertificatePath,
    [System.Security.SecureString] $CertificatePassword,

    # Sign, Windows only: the code-signing certificate's thumbprint in Cert:\CurrentUser\My or Cert:\LocalMachine\My.
    [string] $CertificateThumbprint,

    # Sign: an RFC 3161 timestamp server, so signatures stay valid after the certificate expires.
    [string] $TimestampServer
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'build/BuildHelpers.psm1') -Force

$Root = $PSScriptRoot
$Version = Get-HyprAuthVersion -Root $Root
$Out = Join-Path $Root 'out'
$ModuleDir = Join-Path $Out "HyprAuth/$Version"
$EmulatorDir = Join-Path $Out 'emulator'
$script:built = $false
# One set of ReadyToRun images per PowerShell LTS: 7.4 runs on .NET 8, 7.6 on .NET 10 (build/ReadyToRun).
$ReadyToRunFrameworks = @('net8.0', 'net10.0')

function Invoke-BuildTask {
    if ($script:built) { return }
    Write-Step "Build HyprAuth $Version ($Configuration)"
    $staging = Join-Path $Out 'staging'
    Remove-Directory $staging
    foreach ($project in @('src/HyprAuth', 'src/HyprAuth.Loader', 'tests/HyprAuth.Emulator')) {
        $leaf = Split-Path $project -Leaf
        Invoke-Dotnet publish (Join-Path $Root "$project/$leaf.csproj") -c $Configuration --nologo -v q '-clp:ErrorsOnly' -o (Join-Path $staging $leaf)
    }
    # PowerShell 7's engine: the net8.0 build of HyprAuth.Core and its dependencies (Windows PowerShell 5.1 gets the
    # netstandard2.0 build through src/HyprAuth above).
    Invoke-Dotnet publish (Join-Path $Root 'src/HyprAuth.Core/HyprAuth.Core.csproj') -c $Configuration -f net8.0 --nologo -v q '-clp:ErrorsOnly' -o (Join-Path $staging 'net8.0')
    # ReadyToRun images of that engine and its dependencies for PowerShell 7 on this platform: a fresh pwsh then runs
    # them without JIT-compiling them first (the cold scheduled-task run; see docs/performance.md).
    $rid = Get-HostRuntimeIdentifier
    foreach ($framework in $ReadyToRunFrameworks) {
        Invoke-Dotnet publish (Join-Path $Root 'build/ReadyToRun/HyprAuth.ReadyToRun.csproj') -c $Configuration -f $framework -r $rid --nologo -v q '-clp:ErrorsOnly' -o (Join-Path $staging "ReadyToRun/$framework-$rid")
    }

    # Lay out afresh every time, so a second build never meets stale files.
    Remove-Directory $ModuleDir
    Remove-Directory $EmulatorDir
    New-ModuleLayout -Root $Root -Version $Version -Staging $staging -Destination $ModuleDir
    Move-Item (Join-Path $staging 'HyprAuth.Emulator') $EmulatorDir
    Remove-Directory $staging
    $script:built = $true
    Invoke-DocsTask
}

function Invoke-DocsTask {
    Write-Step 'Docs: MAML and about_ help from docs/'
    if (-not (Test-Path (Join-Path $ModuleDir 'HyprAuth.dll'))) { Invoke-BuildTask; return }
    Import-Module (Join-Path $Root 'build/HelpConverter.psm1') -Force
    Export-HyprHelp -DocsPath (Join-Path $Root 'docs') -OutputPath (Join-Path $ModuleDir 'en-US') | Out-Null
}

function Invoke-TestTask {
    # The suites are PowerShell 7 code: Windows PowerShell 5.1 is tested from there, in powershell.exe children
    # (tests/TestHelpers.psm1, -Edition Desktop; tag WindowsPowerShell). Said before anything is built.
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        throw 'Run the tests from PowerShell 7 (dotnet pwsh -NoProfile -File build.ps1 -Task Test): they start Windows PowerShell 5.1 themselves.'
    }
    Invoke-BuildTask
    $results = Join-Path $Out 'TestResults'
    Remove-Directory $results
    New-Item -ItemType Directory -Path $results -Force | Out-Null

    $xunitExit = 0
    $xunit = @{ Passed = 0; Failed = 0 }
    if (-not ($PesterPath -or $PesterTag) -or $XunitFilter) {
        Write-Step 'xunit'
        $filter = @()
        if ($XunitFilter) { $filter = @('--filter', $XunitFilter) }
        & dotnet test (Join-Path $Root 'HyprAuth.sln') -c $Configuration --nologo -v q '-clp:ErrorsOnly' --logger 'trx' --results-directory $results @filter
        $xunitExit = $LASTEXITCODE
        $xunit = Get-TrxCounts -Directory $results
    }

    Write-Step 'Pester (a fresh PowerShell importing the built module)'
    Restore-TestPackages -Root $Root
    $pester = Get-PesterManifest -Root $Root
    $summaryFile = Join-Path $results 'pester-summary.json'
    $runner = Join-Path $Root 'tests/Invoke-PesterSuite.ps1'
    $focus = @()
    # -File passes 'A,B' as one string, so commas separate names as well.
    if ($PesterPath) { $focus = @('-TestPath', (($PesterPath -split ',') -join ';')) }
    if ($PesterTag) { $focus += @('-Tag', (($PesterTag -split ',') -join ';')) }
    Invoke-FreshPowerShell -File $runner -Arguments (@(
        '-PesterManifest', $pester,
        '-ModuleManifest', (Join-Path $ModuleDir 'HyprAuth.psd1'),
        '-EmulatorPath', (Join-Path $EmulatorDir 'HyprAuth.Emulator.dll'),
        '-SummaryFile', $summaryFile,
        '-NuGetPackages', (Get-NuGetPackagesFolder)) + $focus)
    $pesterExit = $LASTEXITCODE
    $pesterCounts = Get-PesterCounts -SummaryFile $summaryFile

    $passed = $xunit.Passed + $pesterCounts.Passed
    $failed = $xunit.Failed + $pesterCounts.Failed
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $failed++ }          # a crash with no test result still fails
    if ($pesterExit -ne 0 -and $pesterCounts.Failed -eq 0) { $failed++ }
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f $xunit.Passed, $xunit.Failed, $pesterCounts.Passed, $pesterCounts.Failed)
    Write-Host ("{0} passed, {1} failed" -f $passed, $failed)
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Write-Step 'Demo: the whole flow against the bundled HYPR emulator'
    Invoke-FreshPowerShell -File (Join-Path $Root 'build/Demo.ps1') -Arguments @(
        '-ModuleManifest', (Join-Path $ModuleDir 'HyprAuth.psd1'),
        '-EmulatorPath', (Join-Path $EmulatorDir 'HyprAuth.Emulator.dll'))
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

function Invoke-BenchTask {
    Invoke-BuildTask
    Write-Step 'Benchmarks (figures only; nothing here asserts timings)'
    & (Join-Path $Root 'bench/Invoke-Benchmarks.ps1') -ModuleManifest (Join-Path $ModuleDir 'HyprAuth.psd1') -EmulatorPath (Join-Path $EmulatorDir 'HyprAuth.Emulator.dll')
}

function Invoke-SignTask {
    Invoke-BuildTask
    Write-Step 'Sign: Authenticode signatures on the module''s own files'
    Import-Module (Join-Path $Root 'build/Signing.psm1') -Force
    Invoke-HyprModuleSigning -ModulePath $ModuleDir -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword `
        -CertificateThumbprint $CertificateThumbprint -TimestampServer $TimestampServer
}

function Invoke-PackageTask {
    Invoke-BuildTask
    if ($Sign) { Invoke-SignTask }
    Write-Step 'Package: the .nupkg PowerShell Gallery takes'
    $packageDir = Join-Path $Out 'package'
    Remove-Directory $packageDir
    New-Item -ItemType Directory -Path $packageDir | Out-Null
    Invoke-FreshPowerShell -File (Join-Path $Root 'build/Publish-LocalPackage.ps1') -Arguments @(
        '-ModulePath', $ModuleDir, '-RepositoryPath', $packageDir)
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed (exit code $LASTEXITCODE)." }
    Get-ChildItem $packageDir -Filter '*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-CleanTask {
    Write-Step 'Clean'
    Remove-Directory $Out
    Get-ChildItem $Root -Directory -Recurse -Include 'bin', 'obj' |
        Where-Object { $_.FullName -notlike (Join-Path $Root '.git*') } |
        ForEach-Object { Remove-Directory $_.FullName }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Docs' { Invoke-DocsTask }
        'Test' { Invoke-TestTask }
        'Demo' { Invoke-DemoTask }
        'Bench' { Invoke-BenchTask }
        'Sign' { Invoke-SignTask }
        'Package' { Invoke-PackageTask }
        'Clean' { Invoke-CleanTask }
    }
}
