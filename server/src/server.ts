// placeholder entry replaced below
