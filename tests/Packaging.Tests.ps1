# Packaging: the built module, published as a .nupkg to a local file repository, installs with PSResourceGet
# (Install-PSResource) and with PowerShellGet 2 (Install-Module), imports by name and runs the flow against the
# emulator. Every step runs in a fresh PowerShell whose HOME is a temporary folder: on Linux and macOS both
# PSResourceGet's and PowerShellGet's CurrentUser module path and repository registrations live under HOME, so the
# real user's configuration is never touched. PSModulePath is left for the child to compute from that HOME, so the
# built out/ module is not visible to it. The tenant and the client's key reach the child through its environment.
BeforeDiscovery {
    # On Windows CurrentUser paths come from USERPROFILE/Documents, not HOME: the sandbox below would not hold.
    $script:onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
    $script:skipReason =
        if ($onWindows) { ' (skipped on Windows: the sandbox relies on HOME; CurrentUser paths come from USERPROFILE there)' } else { '' }
}

Describe "Packaging: publish, install and import in a sandboxed HOME$skipReason" -Skip:$onWindows {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $script:manifestPath = Get-HyprModuleManifest
        $script:manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
        $script:moduleDir = Split-Path -Parent $manifestPath
        $script:repository = Join-Path $TestDrive 'repository'
        New-Item -ItemType Directory -Path $repository | Out-Null
        # A name of our own, so we can tell that no registration leaked into the real user's configuration.
        $script:repositoryName = 'HyprAuthTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script:emulator = Start-TestEmulator

        # Shared by every child script (after tests/ChildFlow.ps1's Invoke-HyprFlow).
        $script:prologue = @'
function Get-ImportedHyprAuth {
    $module = Import-Module HyprAuth -PassThru
    $flow = Invoke-HyprFlow
    [ordered]@{
        Version      = $module.Version.ToString()
        ModuleBase   = $module.ModuleBase
        # The engine loads on first use, from the installed copy.
        CoreLocation = @([AppDomain]::CurrentDomain.GetAssemblies() |
            Where-Object { $_.GetName().Name -eq 'HyprAuth.Core' } | ForEach-Object { $_.Location })
        Flow         = $flow
    }
}
# Before anything is installed: where modules would come from, and that HyprAuth is not among them.
$script:visibleBefore = @(Get-Module -ListAvailable -Name HyprAuth | ForEach-Object { $_.Path })
$script:modulePath = @($env:PSModulePath -split [System.IO.Path]::PathSeparator)
'@

        function New-SandboxHome([string] $Name) {
            $path = Join-Path $TestDrive "home-$Name"
            New-Item -ItemType Directory -Path $path | Out-Null
            return (Resolve-Path -LiteralPath $path).Path
        }

        function Invoke-SandboxedPowerShell([string] $SandboxHome, [string] $Script, [object] $Client, [int] $TimeoutSeconds = 180) {
            # HOME in the sandbox and nothing inherited that points elsewhere, so the real user's configuration is untouched.
            $environment = @{
                HOME                          = $SandboxHome
                HYPRAUTH_TEST_MODULE_DIR      = $moduleDir
                HYPRAUTH_TEST_PUBLISH_SCRIPT  = (Resolve-Path (Join-Path $PSScriptRoot '../build/Publish-LocalPackage.ps1')).Path
                HYPRAUTH_TEST_REPOSITORY      = $repository
                HYPRAUTH_TEST_REPOSITORY_NAME = $repositoryName
            }
            $inherited = 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath', 'NUGET_PACKAGES'
            Invoke-HyprFlowChild -Emulator $emulator -Client $Client -Script ($prologue + "`n" + $Script) -Environment $environment `
                -WorkingDirectory $SandboxHome -TimeoutSeconds $TimeoutSeconds -RemoveEnvironment $inherited
        }

        function Assert-InstalledAndWorking($Result, [string] $SandboxHome, $Client) {
            $Result.VisibleBefore | Should -BeNullOrEmpty -Because 'the built out/ module must not be visible to the sandbox'
            @($Result.ModulePath | Where-Object { $_ -and $moduleDir.StartsWith($_.TrimEnd('/') + '/') }) | Should -BeNullOrEmpty
            $Result.Imported.Version | Should -Be $manifest.ModuleVersion
            $Result.Imported.ModuleBase | Should -BeLike "$SandboxHome/*"
            $Result.Imported.ModuleBase | Should -Be (Join-Path $SandboxHome ".local/share/powershell/Modules/HyprAuth/$($manifest.ModuleVersion)")
            @($Result.Imported.CoreLocation) | Should -Be @(Join-Path $Result.Imported.ModuleBase (Get-EngineRelativePath))
            $Result.Imported.Flow.AssertionClientId | Should -Be $Client.clientId
            $Result.Imported.Flow.TokenClientId | Should -Be $Client.clientId
            $Result.Imported.Flow.RpAppId | Should -Be 'HYPRDefaultApplication'
            $Result.Imported.Flow.Entities | Should -Contain 'users'
            # The registration went to the sandbox, never to the real user's configuration.
            $Result.Registrations | Should -Not -BeNullOrEmpty
            foreach ($file in $Result.Registrations) {
                $file | Should -BeLike "$SandboxHome/*"
                Get-Content -LiteralPath $file -Raw | Should -Match $repositoryName
            }
        }

        # build/Publish-LocalPackage.ps1, as build.ps1 -Task Package runs it, but with a sandboxed HOME.
        $script:publishHome = New-SandboxHome 'publish'
        $script:published = Invoke-SandboxedPowerShell -SandboxHome $publishHome -Script @'
& $env:HYPRAUTH_TEST_PUBLISH_SCRIPT -ModulePath $env:HYPRAUTH_TEST_MODULE_DIR -RepositoryPath $env:HYPRAUTH_TEST_REPOSITORY
[ordered]@{
    Packages      = @(Get-ChildItem -LiteralPath $env:HYPRAUTH_TEST_REPOSITORY -Filter '*.nupkg' | ForEach-Object { $_.FullName })
    Registrations = @(Get-PSResourceRepository | ForEach-Object { $_.Name })
} | ConvertTo-Json -Compress
'@
        $script:package = @($published.Packages)
    }

    AfterAll {
        Stop-HyprEmulator $emulator
    }

    It 'publishes one .nupkg with the module files, and leaves no repository registered' {
        $package.Count | Should -Be 1
        Split-Path -Leaf $package[0] | Should -Be "HyprAuth.$($manifest.ModuleVersion).nupkg"
        @($published.Registrations) | Should -Not -BeLike 'HyprAuthBuild-*'

        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package[0])
        try {
            $entries = @($zip.Entries | ForEach-Object { [uri]::UnescapeDataString($_.FullName) })
            $nuspecEntry = $zip.Entries | Where-Object { $_.FullName -eq 'HyprAuth.nuspec' }
            $nuspecEntry | Should -Not -BeNullOrEmpty
            $reader = [System.IO.StreamReader]::new($nuspecEntry.Open())
            try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
        foreach ($expected in @('HyprAuth.psd1', 'HyprAuth.dll', 'en-US/HyprAuth.dll-Help.xml', 'Dependencies/HyprAuth.Core.dll') +
            @($manifest.FormatsToProcess)) {
            $entries | Should -Contain $expected
        }
        $nuspec.package.metadata.id | Should -Be 'HyprAuth'
        $nuspec.package.metadata.version | Should -Be $manifest.ModuleVersion
    }

    It 'installs with PSResourceGet (Install-PSResource), imports by name from the sandbox and runs the flow' {
        $client = New-EmulatorClient $emulator
        $sandboxHome = New-SandboxHome 'psresourceget'
        $result = Invoke-SandboxedPowerShell -SandboxHome $sandboxHome -Client $client -Script @'
Import-Module Microsoft.PowerShell.PSResourceGet
Register-PSResourceRepository -Name $env:HYPRAUTH_TEST_REPOSITORY_NAME -Uri $env:HYPRAUTH_TEST_REPOSITORY
Install-PSResource -Name HyprAuth -Repository $env:HYPRAUTH_TEST_REPOSITORY_NAME -TrustRepository -Scope CurrentUser
$dataHome = [Environment]::GetFolderPath([Environment+SpecialFolder]::LocalApplicationData)
[ordered]@{
    VisibleBefore = $visibleBefore
    ModulePath    = $modulePath
    Registrations = @(Get-ChildItem -LiteralPath (Join-Path $dataHome 'PSResourceGet') -Filter 'PSResourceRepository.xml' |
        ForEach-Object { $_.FullName })
    Imported      = Get-ImportedHyprAuth
} | ConvertTo-Json -Compress -Depth 5
'@
        Assert-InstalledAndWorking $result $sandboxHome $client
    }

    It 'installs with PowerShellGet 2 (Install-Module), imports by name from the sandbox and runs the flow' {
        $client = New-EmulatorClient $emulator
        $sandboxHome = New-SandboxHome 'powershellget'
        $result = Invoke-SandboxedPowerShell -SandboxHome $sandboxHome -Client $client -Script @'
# PowerShellGet 2 over PackageManagement, whose NuGet provider ships inside it on PowerShell 7: no bootstrap, no network.
$powerShellGet = Import-Module PowerShellGet -MaximumVersion 2.99.99 -PassThru
Register-PSRepository -Name $env:HYPRAUTH_TEST_REPOSITORY_NAME -SourceLocation $env:HYPRAUTH_TEST_REPOSITORY -InstallationPolicy Trusted
Install-Module -Name HyprAuth -Repository $env:HYPRAUTH_TEST_REPOSITORY_NAME -Scope CurrentUser
$cacheHome = [System.Management.Automation.Platform]::SelectProductNameForDirectory('CACHE')
[ordered]@{
    PowerShellGet = $powerShellGet.Version.ToString()
    VisibleBefore = $visibleBefore
    ModulePath    = $modulePath
    Registrations = @(Get-ChildItem -LiteralPath (Join-Path $cacheHome 'PowerShellGet') -Filter 'PSRepositories.xml' | ForEach-Object { $_.FullName })
    Imported      = Get-ImportedHyprAuth
} | ConvertTo-Json -Compress -Depth 5
'@
        ([version]$result.PowerShellGet).Major | Should -Be 2
        Assert-InstalledAndWorking $result $sandboxHome $client
    }

    It 'never registered the test repository in the real user''s configuration' {
        $realFiles = @(
            (Join-Path ([Environment]::GetFolderPath([Environment+SpecialFolder]::LocalApplicationData)) 'PSResourceGet/PSResourceRepository.xml')
            (Join-Path ([System.Management.Automation.Platform]::SelectProductNameForDirectory('CACHE')) 'PowerShellGet/PSRepositories.xml')
        )
        foreach ($file in $realFiles | Where-Object { Test-Path -LiteralPath $_ }) {
            Get-Content -LiteralPath $file -Raw | Should -Not -Match $repositoryName
        }
    }
}
