"""The MkDocs face: the plugin, its typed config and the site pipeline. The only subpackage that imports MkDocs."""
