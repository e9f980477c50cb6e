# Helpers for build.ps1. Windows PowerShell 5.1 syntax only: contributors on Windows run the build there too.
Set-StrictMode -Version 3.0

function Write-Step([string] $Message) {
    Write-Host "==> $Message"
}

function Get-HyprAuthVersion([string] $Root) {
    # Directory.Build.props is the one place the version lives.
    $props = [xml](Get-Content -LiteralPath (Join-Path $Root 'Directory.Build.props') -Raw)
    $node = $props.SelectSingleNode('/Project/PropertyGroup/HyprAuthVersion')
    if ($null -eq $node) { throw 'Directory.Build.props has no HyprAuthVersion.' }
    return $node.InnerText.Trim()
}

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Remove-Directory([string] $Path) {
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Recurse -Force }
}

function Get-PowerShellCommand {
    # The PowerShell running this script: pwsh(.exe), powershell.exe, or dotnet running pwsh.dll as a local tool.
    $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        return @($exe, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($exe)
}

function Invoke-FreshPowerShell([string] $File, [string[]] $Arguments) {
    $command = @(Get-PowerShellCommand)
    $prefix = @()
    if ($command.Count -gt 1) { $prefix = $command[1..($command.Count - 1)] }
    & $command[0] @prefix -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $File @Arguments
}

function New-ModuleLayout([string] $Root, [string] $Version, [string] $Staging, [string] $Destination) {
    $dependencies = Join-Path $Destination 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null

    # HyprAuth.dll (cmdlets and every type users see) at the root, for both editions; the engine and its packages out
    # of the way: Dependencies/ for Windows PowerShell 5.1 (netstandard2.0), Dependencies/net8.0/ for PowerShell 7.
    Copy-Item (Join-Path $Staging 'HyprAuth/HyprAuth.dll') $Destination
    # Microsoft.CSharp comes with Microsoft.IdentityModel.Tokens' package, but no assembly we ship references it and
    # both editions' frameworks have their own (tests/WindowsPowerShellLoad.Tests.ps1 proves the first).
    Get-ChildItem (Join-Path $Staging 'HyprAuth') -Filter '*.dll' |
        Where-Object { $_.Name -ne 'HyprAuth.dll' -and $_.Name -ne 'Microsoft.CSharp.dll' } |
        Copy-Item -Destination $dependencies
    $powerShell7 = Join-Path $dependencies 'net8.0'
    New-Item -ItemType Directory -Path $powerShell7 -Force | Out-Null
    Copy-Item (Join-Path $Staging 'net8.0/*.dll') $powerShell7
    Copy-Item (Join-Path $Staging 'HyprAuth.Loader/HyprAuth.Loader.dll') $powerShell7
    # PowerShell 7's load context takes the engine from Dependencies/ReadyToRun/<tfm>-<rid>/ when one matches its .NET
    # and platform (HyprAuth.Loader), and from the IL copies in Dependencies/net8.0/ elsewhere.
    foreach ($images in (Get-ChildItem (Join-Path $Staging 'ReadyToRun') -Directory)) {
        $readyToRun = Join-Path $dependencies "ReadyToRun/$($images.Name)"
        New-Item -ItemType Directory -Path $readyToRun -Force | Out-Null
        Get-ChildItem $images.FullName -Filter '*.dll' |
            Where-Object { $_.Name -ne 'HyprAuth.ReadyToRun.dll' } |
            Copy-Item -Destination $readyToRun
    }
    # The netstandard2.0 build of System.Security.Cryptography.Cng only throws PlatformNotSupportedException: on
    # Windows PowerShell 5.1 the package's net47 build, which forwards to System.Core, must answer instead. PowerShell 7
    # never loads this file: its own, newer copy wins (HyprAuth.Loader).
    Copy-Item (Get-PackageLibrary -Root $Root -Package 'System.Security.Cryptography.Cng' -Framework 'net47') $dependencies -Force
    # Text files Windows checks signatures of are written as UTF-8 with a byte order mark: without one, Windows
    # PowerShell reads them as ANSI and hashes other text than a signer that read UTF-8 (osslsigncode) signed.
    $format = Get-Content -LiteralPath (Join-Path $Root 'src/HyprAuth/HyprAuth.format.ps1xml') -Raw -Encoding UTF8
    Write-Utf8BomFile -Path (Join-Path $Destination 'HyprAuth.format.ps1xml') -Text $format
    Copy-Item (Join-Path $Root 'LICENSE') $Destination

    $manifest = Get-Content -LiteralPath (Join-Path $Root 'HyprAuth.psd1') -Raw
    $manifest = $manifest -replace "ModuleVersion(\s*)= '0\.0\.0'", "ModuleVersion`$1= '$Version'"
    $notes = (Get-ReleaseNotes -Root $Root -Version $Version) -replace "'", "''"
    $manifest = $manifest -replace "ReleaseNotes(\s*)= ''", "ReleaseNotes`$1= '$notes'"
    Write-Utf8BomFile -Path (Join-Path $Destination 'HyprAuth.psd1') -Text $manifest
}

function Write-Utf8BomFile([string] $Path, [string] $Text) {
    [System.IO.File]::WriteAllText($Path, $Text, (New-Object System.Text.UTF8Encoding($true)))
}

# A package's library for another framework than the one we build for, at the version src/HyprAuth restored.
function Get-PackageLibrary([string] $Root, [string] $Package, [string] $Framework) {
    $assets = Get-Content -LiteralPath (Join-Path $Root 'src/HyprAuth/obj/project.assets.json') -Raw | ConvertFrom-Json
    $library = @($assets.libraries.PSObject.Properties | Where-Object { $_.Name -like "$Package/*" })
    if ($library.Count -ne 1) { throw "src/HyprAuth does not restore exactly one version of $Package." }
    $folder = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $path = Join-Path (Join-Path $folder $library[0].Value.path) "lib/$Framework/$Package.dll"
    if (-not (Test-Path -LiteralPath $path)) { throw "$Package has no $Framework library at '$path'." }
    return $path
}

function Get-HostRuntimeIdentifier {
    # The portable runtime identifier of this machine (linux-x64, osx-arm64, win-x64...); runs on Windows PowerShell 5.1 too.
    $platform = [System.Runtime.InteropServices.RuntimeInformation]
    $os = if ($platform::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)) { 'win' }
    elseif ($platform::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::OSX)) { 'osx' }
    else { 'linux' }
    return '{0}-{1}' -f $os, $platform::ProcessArchitecture.ToString().ToLowerInvariant()
}

function Get-ReleaseNotes([string] $Root, [string] $Version) {
    # The CHANGELOG.md section of this version, without its heading.
    $lines = Get-Content -LiteralPath (Join-Path $Root 'CHANGELOG.md')
    $notes = New-Object System.Collections.Generic.List[string]
    $inSection = $false
    foreach ($line in $lines) {
        if ($line -match '^## ') {
            if ($inSection) { break }
            $inSection = $line -match "^## \[?$([regex]::Escape($Version))\]?"
            continue
        }
        if ($inSection) { $notes.Add($line) }
    }
    if (-not $inSection -and $notes.Count -eq 0) { throw "CHANGELOG.md has no section for $Version." }
    return ($notes -join "`n").Trim()
}

function Get-TrxCounts([string] $Directory) {
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem -LiteralPath $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    return [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Get-PesterCounts([string] $SummaryFile) {
    if (-not (Test-Path -LiteralPath $SummaryFile)) { return [pscustomobject]@{ Passed = 0; Failed = 0 } }
    return Get-Content -LiteralPath $SummaryFile -Raw | ConvertFrom-Json
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    return ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}

function Restore-TestPackages([string] $Root) {
    # Pester and the Microsoft.IdentityModel 7.7.1 of the isolation tests, into the NuGet packages folder.
    Invoke-Dotnet restore (Join-Path $Root 'tests/tools/TestPackages.proj') --nologo -v q
}

function Get-PesterManifest([string] $Root) {
    # An installed Pester 5+ wins; otherwise the version pinned in tests/tools/TestPackages.proj (restored by Restore-TestPackages).
    $installed = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0' } |
        Sort-Object Version -Descending |
        Select-Object -First 1
    if ($null -ne $installed) { return $installed.Path }

    $project = [xml](Get-Content -LiteralPath (Join-Path $Root 'tests/tools/TestPackages.proj') -Raw)
    $pinned = $project.SelectSingleNode('//PackageDownload[@Include="Pester"]').Version.Trim('[', ']')
    $manifest = Join-Path (Get-NuGetPackagesFolder) "pester/$pinned/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $pinned is not in the NuGet packages folder ($manifest); run Restore-TestPackages first." }
    return $manifest
}

Export-ModuleMember -Function *
