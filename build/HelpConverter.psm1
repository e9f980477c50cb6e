# Turns docs/*.md (PlatyPS's markdown schema 2.0.0) into the help PowerShell reads: MAML (<Module>.dll-Help.xml, the
# schema PlatyPS's New-ExternalHelp writes) from the cmdlet pages, and <topic>.help.txt from the about_ pages.
# PlatyPS cannot be installed here, so this is the small subset of it HyprAuth needs. Windows PowerShell 5.1 syntax only.
Set-StrictMode -Version 3.0

$script:Namespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}
$script:CmdletSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:FrontMatterKeys = @('external help file', 'Module Name', 'online version', 'schema')
$script:ParameterKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters')
$script:Utf8 = New-Object System.Text.UTF8Encoding($false)

# ---------------------------------------------------------------------------------------------------------------------
# Markdown: front matter, then blocks (headings, paragraphs, list items, fenced code).

function Get-MarkdownBlock([string[]] $Lines) {
    $blocks = New-Object System.Collections.Generic.List[object]
    $paragraph = $null
    $fence = $null
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```\s*$') { $blocks.Add($fence); $fence = $null }
            else { $fence.Lines.Add($line) }
            continue
        }
        $kind = if ($line -match '^\s*```') { 'Fence' }
        elseif ($line -match '^#{1,6}\s') { 'Heading' }
        elseif ($line.Trim() -eq '') { 'Blank' }
        elseif ($line -match '^\s*([-*+]|\d+\.)\s') { 'Item' }
        else { 'Text' }
        if ($kind -ne 'Text' -and $null -ne $paragraph) {
            $blocks.Add((New-Paragraph $paragraph))
            $paragraph = $null
        }
        switch ($kind) {
            'Fence' {
                $null = $line -match '^\s*```\s*([\w-]*)'
                $fence = [pscustomobject]@{ Kind = 'Code'; Language = $Matches[1]; Lines = New-Object System.Collections.Generic.List[string] }
            }
            'Heading' {
                $null = $line -match '^(#{1,6})\s+(.*?)\s*$'
                $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2] })
            }
            'Blank' { }
            default {
                if ($null -eq $paragraph) { $paragraph = New-Object System.Collections.Generic.List[string] }
                $paragraph.Add($line.Trim())
            }
        }
    }
    if ($null -ne $fence) { throw 'a code block (```) is not closed' }
    if ($null -ne $paragraph) { $blocks.Add((New-Paragraph $paragraph)) }
    return $blocks
}

function New-Paragraph($Lines) {
    # A paragraph's lines are one line of text; each list item is a paragraph of its own.
    return [pscustomobject]@{ Kind = 'Paragraph'; Text = ($Lines -join ' '); IsListItem = ($Lines[0] -match '^([-*+]|\d+\.)\s') }
}

function Split-Section($Blocks, [int] $Level) {
    # The blocks under each heading of this level, in order: [pscustomobject]@{ Title; Blocks }.
    $sections = New-Object System.Collections.Generic.List[object]
    $current = $null
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -eq $Level) {
            $current = [pscustomobject]@{ Title = $block.Text; Blocks = New-Object System.Collections.Generic.List[object] }
            $sections.Add($current)
        }
        elseif ($null -ne $current) {
            $current.Blocks.Add($block)
        }
    }
    return $sections
}

function Get-Paragraph($Blocks) {
    return @($Blocks | Where-Object { $_.Kind -eq 'Paragraph' } | ForEach-Object { $_.Text })
}

function Read-MarkdownFile([string] $Path) {
    $lines = @((Get-Content -LiteralPath $Path -Raw -Encoding UTF8) -split "`r?`n")
    $metadata = [ordered]@{}
    if ($lines.Count -lt 2 -or $lines[0] -ne '---') { throw 'the YAML front matter (---) is missing' }
    $end = [Array]::IndexOf($lines, '---', 1)
    if ($end -lt 0) { throw 'the YAML front matter is not closed (---)' }
    foreach ($line in $lines[1..($end - 1)]) {
        if ($line -match '^([^:]+):\s*(.*)$') { $metadata[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    $body = @()
    if ($end + 1 -lt $lines.Count) { $body = $lines[($end + 1)..($lines.Count - 1)] }
    return [pscustomobject]@{ Metadata = $metadata; Blocks = @(Get-MarkdownBlock $body) }
}

# ---------------------------------------------------------------------------------------------------------------------
# A cmdlet page, read into the model the MAML writer (and tests/Help.Tests.ps1's drift test) use.

function Read-HyprHelpMarkdown {
    <#
    .SYNOPSIS
        Reads one PlatyPS-style cmdlet page into an object; throws "<file>: <what is missing>" on a malformed page.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Path)

    $file = Split-Path -Leaf $Path
    try {
        $markdown = Read-MarkdownFile $Path
        return ConvertTo-CommandModel $markdown
    }
    catch {
        throw "${file}: $($_.Exception.Message)"
    }
}

function ConvertTo-CommandModel($Markdown) {
    foreach ($key in $script:FrontMatterKeys) {
        if (-not $Markdown.Metadata.Contains($key)) { throw "the front matter lacks '${key}:'" }
    }
    if ($Markdown.Metadata['schema'] -ne '2.0.0') { throw "the front matter's schema is '$($Markdown.Metadata['schema'])', not 2.0.0" }
    if ($Markdown.Metadata['external help file'] -notlike '*-Help.xml') { throw "the front matter's external help file must name a *-Help.xml file" }

    $title = @(Split-Section $Markdown.Blocks 1)
    if ($title.Count -ne 1) { throw "it needs exactly one '# Verb-Noun' title, found $($title.Count)" }
    $name = $title[0].Title
    if ($name -notmatch '^\w+-\w+$') { throw "the title '# $name' is not a Verb-Noun command name" }

    $sections = @{}
    foreach ($section in (Split-Section $title[0].Blocks 2)) { $sections[$section.Title] = $section.Blocks }
    foreach ($required in $script:CmdletSections) {
        if (-not $sections.ContainsKey($required)) { throw "the section '## $required' is missing" }
    }
    $synopsis = @(Get-Paragraph $sections['SYNOPSIS'])
    if ($synopsis.Count -eq 0) { throw "'## SYNOPSIS' is empty" }
    $description = @(Get-Paragraph $sections['DESCRIPTION'])
    if ($description.Count -eq 0) { throw "'## DESCRIPTION' is empty" }

    $parameterSets = @(Get-ParameterSetName $sections['SYNTAX'])
    $parameters = @(Split-Section $sections['PARAMETERS'] 3 | Where-Object { $_.Title -ne 'CommonParameters' } |
        ForEach-Object { ConvertTo-ParameterModel $_ $parameterSets })

    $examples = @(Split-Section $sections['EXAMPLES'] 3 | ForEach-Object {
            $code = @($_.Blocks | Where-Object { $_.Kind -eq 'Code' } | ForEach-Object { $_.Lines -join "`n" })
            if ($code.Count -eq 0) { throw "'### $($_.Title)' has no code block" }
            [pscustomobject]@{ Title = $_.Title; Code = ($code -join "`n`n"); Remarks = @(Get-Paragraph $_.Blocks) }
        })
    if ($examples.Count -eq 0) { throw "'## EXAMPLES' has no '### Example 1: ...'" }

    $links = @(Get-Paragraph $sections['RELATED LINKS'] | ForEach-Object {
            if ($_ -notmatch '^\[([^\]]+)\]\(([^)]*)\)$') { throw "the related link '$_' is not [text](uri)" }
            # A link to another page (Other-Command.md) is a link by name in Get-Help, as PlatyPS's [Other-Command]() is.
            $link = [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] }
            if ($link.Uri -notmatch '^https?://') { $link.Uri = '' }
            $link
        })

    return [pscustomobject]@{
        Name            = $name
        HelpFile        = $Markdown.Metadata['external help file']
        OnlineVersion   = $Markdown.Metadata['online version']
        Synopsis        = $synopsis
        Description     = $description
        ParameterSets   = $parameterSets
        Parameters      = $parameters
        Inputs          = @(ConvertTo-TypeModel $sections['INPUTS'] 'INPUTS')
        Outputs         = @(ConvertTo-TypeModel $sections['OUTPUTS'] 'OUTPUTS')
        Notes           = @(Get-Paragraph $sections['NOTES'])
        Examples        = $examples
        Links           = $links
    }
}

function Get-ParameterSetName($SyntaxBlocks) {
    # '### Name (Default)' above each set's syntax block; a command with one set has none.
    if (@($SyntaxBlocks | Where-Object { $_.Kind -eq 'Code' }).Count -eq 0) { throw "'## SYNTAX' has no code block" }
    $names = @(Split-Section $SyntaxBlocks 3 | ForEach-Object { $_.Title -replace '\s*\(Default\)$', '' })
    if ($names.Count -eq 0) { return @('(All)') }
    return $names
}

function ConvertTo-ParameterModel($Section, [string[]] $ParameterSets) {
    if ($Section.Title -notmatch '^-(\w+)$') { throw "'### $($Section.Title)' under PARAMETERS is not '### -Name'" }
    $name = $Matches[1]
    $description = @(Get-Paragraph $Section.Blocks)
    if ($description.Count -eq 0) { throw "parameter -$name has no description" }
    $yamlBlocks = @($Section.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' })
    if ($yamlBlocks.Count -eq 0) { throw "parameter -$name has no ``````yaml block" }

    # Several yaml blocks when the parameter's Required, Position or pipeline input differ between parameter sets.
    $bindings = @(foreach ($yaml in $yamlBlocks) {
            $values = @{}
            foreach ($line in $yaml.Lines) {
                if ($line -match '^([^:]+):\s*(.*)$') { $values[$Matches[1].Trim()] = $Matches[2].Trim() }
            }
            foreach ($key in $script:ParameterKeys) {
                if (-not $values.ContainsKey($key)) { throw "parameter -${name}: the yaml block lacks '${key}:'" }
            }
            foreach ($key in 'Required', 'Accept wildcard characters') {
                if ($values[$key] -notmatch '^(True|False)$') { throw "parameter -${name}: '${key}: $($values[$key])' is neither True nor False" }
            }
            if ($values['Position'] -notmatch '^(\d+|Named)$') { throw "parameter -${name}: 'Position: $($values['Position'])' is neither a number nor Named" }
            $sets = @($values['Parameter Sets'] -split '\s*,\s*' | Where-Object { $_ })
            foreach ($set in $sets) {
                if ($ParameterSets -notcontains $set -and $set -ne '(All)') { throw "parameter -${name}: parameter set '$set' is not under '## SYNTAX'" }
            }
            [pscustomobject]@{
                Type          = $values['Type']
                ParameterSets = $sets
                Aliases       = @($values['Aliases'] -split '\s*,\s*' | Where-Object { $_ -and $_ -ne 'None' })
                Required      = $values['Required'] -eq 'True'
                Position      = $values['Position']
                DefaultValue  = $values['Default value']
                PipelineInput = $values['Accept pipeline input']
                Globbing      = $values['Accept wildcard characters'] -eq 'True'
            }
        })
    return [pscustomobject]@{ Name = $name; Description = $description; Bindings = $bindings }
}

function ConvertTo-TypeModel($Blocks, [string] $Section) {
    # '### Type.Name' then its description; 'None' for a command that takes or returns nothing.
    $types = @(Split-Section $Blocks 3)
    if ($types.Count -eq 0) { throw "'## $Section' names no type (### Type.Name, or ### None)" }
    foreach ($type in $types) {
        [pscustomobject]@{ Type = $type.Title; Description = @(Get-Paragraph $type.Blocks) }
    }
}

# ---------------------------------------------------------------------------------------------------------------------
# MAML, with XmlWriter so every <, & and quote is escaped by the writer.

function Write-Element($Writer, [string] $Prefix, [string] $Name, [string] $Text) {
    $Writer.WriteElementString($Prefix, $Name, $script:Namespaces[$Prefix], $Text)
}

function ConvertTo-PlainText([string] $Text) {
    # Get-Help shows text as it is: markdown's inline marks would show as backticks and asterisks. Code spans keep
    # their content verbatim (a '*' there is a wildcard); links keep their text, and a web address after it.
    $parts = foreach ($part in ($Text -split '(`[^`]+`)')) {
        if ($part -match '^`[^`]+`$') { $part.Substring(1, $part.Length - 2); continue }
        $part = [regex]::Replace($part, '\[([^\]]+)\]\(([^)\s]+)\)', {
                param($link)
                if ($link.Groups[2].Value -match '^https?://') { '{0} ({1})' -f $link.Groups[1].Value, $link.Groups[2].Value } else { $link.Groups[1].Value }
            })
        $part = [regex]::Replace($part, '(\*\*|__)(?=\S)(.+?)(?<=\S)\1', '$2')
        [regex]::Replace($part, '(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])', '$1')
    }
    return -join $parts
}

function Write-Para($Writer, [string] $Prefix, [string] $Name, [string[]] $Paragraphs) {
    $Writer.WriteStartElement($Prefix, $Name, $script:Namespaces[$Prefix])
    foreach ($paragraph in $Paragraphs) { Write-Element $Writer 'maml' 'para' (ConvertTo-PlainText $paragraph) }
    $Writer.WriteEndElement()
}

function Write-MamlParameter($Writer, $Parameter, $Binding, [bool] $InSyntax) {
    $isSwitch = $Binding.Type -eq 'SwitchParameter'
    $Writer.WriteStartElement('command', 'parameter', $script:Namespaces.command)
    $Writer.WriteAttributeString('required', $Binding.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Binding.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Binding.PipelineInput)
    $Writer.WriteAttributeString('position', $Binding.Position.ToLowerInvariant())
    $aliases = 'none'
    if ($Binding.Aliases.Count -gt 0) { $aliases = $Binding.Aliases -join ', ' }
    $Writer.WriteAttributeString('aliases', $aliases)
    Write-Element $Writer 'maml' 'name' $Parameter.Name
    Write-Para $Writer 'maml' 'description' $Parameter.Description
    if (-not ($InSyntax -and $isSwitch)) {
        # As PlatyPS does: a switch shows as [-Name] in the syntax, not [-Name <SwitchParameter>].
        $Writer.WriteStartElement('command', 'parameterValue', $script:Namespaces.command)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Binding.Type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:Namespaces.dev)
    Write-Element $Writer 'maml' 'name' $Binding.Type
    Write-Element $Writer 'maml' 'uri' ''
    $Writer.WriteEndElement()
    Write-Element $Writer 'dev' 'defaultValue' $Binding.DefaultValue
    $Writer.WriteEndElement()
}

function Write-MamlTypeList($Writer, [string] $ListName, [string] $ItemName, $Types) {
    $Writer.WriteStartElement('command', $ListName, $script:Namespaces.command)
    foreach ($type in $Types) {
        $Writer.WriteStartElement('command', $ItemName, $script:Namespaces.command)
        $Writer.WriteStartElement('dev', 'type', $script:Namespaces.dev)
        Write-Element $Writer 'maml' 'name' $type.Type
        $Writer.WriteEndElement()
        Write-Para $Writer 'maml' 'description' $type.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand($Writer, $Command) {
    $Writer.WriteStartElement('command', 'command', $script:Namespaces.command)
    foreach ($prefix in 'maml', 'dev', 'MSHelp') {
        $Writer.WriteAttributeString('xmlns', $prefix, $null, $script:Namespaces[$prefix])
    }

    $Writer.WriteStartElement('command', 'details', $script:Namespaces.command)
    Write-Element $Writer 'command' 'name' $Command.Name
    $verb, $noun = $Command.Name -split '-', 2
    Write-Element $Writer 'command' 'verb' $verb
    Write-Element $Writer 'command' 'noun' $noun
    Write-Para $Writer 'maml' 'description' $Command.Synopsis
    $Writer.WriteEndElement()

    Write-Para $Writer 'maml' 'description' $Command.Description

    $Writer.WriteStartElement('command', 'syntax', $script:Namespaces.command)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $script:Namespaces.command)
        Write-Element $Writer 'maml' 'name' $Command.Name
        $members = New-Object System.Collections.Generic.List[object]
        foreach ($parameter in $Command.Parameters) {
            foreach ($binding in $parameter.Bindings) {
                if ($binding.ParameterSets -contains $set -or $binding.ParameterSets -contains '(All)') {
                    $order = [int]::MaxValue
                    if ($binding.Required) { $order = [int]::MaxValue - 1 }
                    if ($binding.Position -ne 'Named') { $order = [int]$binding.Position }
                    $members.Add([pscustomobject]@{ Parameter = $parameter; Binding = $binding; Order = $order; Index = $members.Count })
                }
            }
        }
        # As Get-Command -Syntax orders them: positional parameters by position, then mandatory ones, then the rest as listed.
        foreach ($member in ($members | Sort-Object Order, Index)) { Write-MamlParameter $Writer $member.Parameter $member.Binding $true }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $script:Namespaces.command)
    foreach ($parameter in $Command.Parameters) { Write-MamlParameter $Writer $parameter $parameter.Bindings[0] $false }
    $Writer.WriteEndElement()

    Write-MamlTypeList $Writer 'inputTypes' 'inputType' $Command.Inputs
    Write-MamlTypeList $Writer 'returnValues' 'returnValue' $Command.Outputs

    $Writer.WriteStartElement('maml', 'alertSet', $script:Namespaces.maml)
    Write-Para $Writer 'maml' 'alert' $Command.Notes
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $script:Namespaces.command)
    foreach ($example in $Command.Examples) {
        $Writer.WriteStartElement('command', 'example', $script:Namespaces.command)
        Write-Element $Writer 'maml' 'title' ('-------------------------- {0} --------------------------' -f $example.Title)
        Write-Element $Writer 'dev' 'code' $example.Code
        # The empty paragraph ends the example with a blank line, as in PowerShell's own help.
        Write-Para $Writer 'dev' 'remarks' ($example.Remarks + '')
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $script:Namespaces.command)
    $links = @($Command.Links)
    if ($Command.OnlineVersion) {
        # Get-Help -Online opens the first link's uri, as with PlatyPS.
        $links = @([pscustomobject]@{ Text = 'Online Version:'; Uri = $Command.OnlineVersion }) + $links
    }
    foreach ($link in $links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $script:Namespaces.maml)
        Write-Element $Writer 'maml' 'linkText' $link.Text
        Write-Element $Writer 'maml' 'uri' $link.Uri
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Export-MamlFile([string] $Path, $Commands) {
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.Encoding = $script:Utf8
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $Commands) { Write-MamlCommand $writer $command }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

# ---------------------------------------------------------------------------------------------------------------------
# about_ topics as plain text, in PlatyPS's layout: TOPIC, then the headings flush left and the text indented.

function Add-Wrapped($Lines, [string] $Text, [string] $Indent, [string] $Hanging) {
    $line = $Indent
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if ($line.Trim() -ne '' -and ($line.Length + 1 + $word.Length) -gt 80) {
            $Lines.Add($line)
            $line = $Hanging
        }
        if ($line.Trim() -eq '') { $line += $word } else { $line += ' ' + $word }
    }
    $Lines.Add($line)
}

function ConvertTo-AboutText($Markdown) {
    $titles = @($Markdown.Blocks | Where-Object { $_.Kind -eq 'Heading' })
    if ($titles.Count -lt 2 -or $titles[0].Level -ne 1 -or $titles[1].Level -ne 2 -or $titles[1].Text -notmatch '^about_\w+$') {
        throw "it must begin with '# <title>' and then '## about_<Name>' (the name the help system looks up)"
    }
    $topic = $titles[1].Text
    $sections = @{}
    foreach ($section in (Split-Section $Markdown.Blocks 2)) { $sections[$section.Title] = $section.Blocks }
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if (-not $sections.ContainsKey($required) -or @(Get-Paragraph $sections[$required]).Count -eq 0) {
            throw "the section '## $required' is missing or empty"
        }
    }

    $text = New-Object System.Collections.Generic.List[string]
    $inList = $false
    foreach ($block in $Markdown.Blocks) {
        $isItem = $block.Kind -eq 'Paragraph' -and $block.IsListItem
        if ($inList -and -not $isItem) { $text.Add('') }
        $inList = $isItem
        if ($block.Kind -eq 'Heading' -and $block.Level -eq 1) {
            $text.Add('TOPIC')
        }
        elseif ($block.Kind -eq 'Heading' -and $block.Text -eq $topic) {
            $text.Add('    ' + $topic)
            $text.Add('')
        }
        elseif ($block.Kind -eq 'Heading' -and $block.Level -eq 2) {
            $text.Add($block.Text.ToUpperInvariant())
        }
        elseif ($block.Kind -eq 'Heading') {
            $text.Add('    ' + $block.Text.ToUpperInvariant())
        }
        elseif ($block.Kind -eq 'Code') {
            foreach ($line in $block.Lines) { $text.Add(('    ' + $line).TrimEnd()) }
            $text.Add('')
        }
        elseif ($isItem) {
            Add-Wrapped $text (ConvertTo-PlainText $block.Text) '    ' '      '
        }
        else {
            Add-Wrapped $text (ConvertTo-PlainText $block.Text) '    ' '    '
            $text.Add('')
        }
    }
    return [pscustomobject]@{ Name = $topic; Text = (($text -join [Environment]::NewLine).TrimEnd() + [Environment]::NewLine) }
}

# ---------------------------------------------------------------------------------------------------------------------

function Export-HyprHelp {
    <#
    .SYNOPSIS
        Writes the MAML help of every cmdlet page and the .help.txt of every about_ page in -DocsPath to -OutputPath.
        A malformed page stops it with an error that names the file and what is missing.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $DocsPath,
        [Parameter(Mandatory = $true)] [string] $OutputPath
    )

    # Help pages are named Verb-Noun.md (a cmdlet) or about_<Name>.md; any other page (security.md) is for people to read.
    $pages = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' | Where-Object { $_.BaseName -like 'about_*' -or $_.BaseName -like '*-*' } | Sort-Object Name)
    if ($pages.Count -eq 0) { throw "No markdown pages in '$DocsPath'." }
    New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null

    $commands = New-Object System.Collections.Generic.List[object]
    foreach ($page in $pages) {
        if ($page.Name -like 'about_*') {
            try {
                $about = ConvertTo-AboutText (Read-MarkdownFile $page.FullName)
            }
            catch {
                throw "$($page.Name): $($_.Exception.Message)"
            }
            $path = Join-Path $OutputPath "$($about.Name).help.txt"
            [System.IO.File]::WriteAllText($path, $about.Text, $script:Utf8)
            Get-Item -LiteralPath $path
        }
        else {
            $commands.Add((Read-HyprHelpMarkdown -Path $page.FullName))
        }
    }

    foreach ($group in ($commands | Group-Object HelpFile)) {
        $path = Join-Path $OutputPath $group.Name
        Export-MamlFile $path $group.Group
        Get-Item -LiteralPath $path
    }
}

Export-ModuleMember -Function Export-HyprHelp, Read-HyprHelpMarkdown
